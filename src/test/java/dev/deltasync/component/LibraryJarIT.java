package dev.deltasync.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;

/**
 * The library jar (what {@code mvn install} publishes) carries nothing that would reconfigure its host, and its pom
 * passes no logging binding on; the runnable jar keeps its own.
 */
class LibraryJarIT {

    @Test
    void theLibraryJarHoldsNoHostConfigurationNorLoggingBinding() throws IOException {
        List<String> entries = entries(libraryJar());
        assertThat(entries).doesNotContain("application.properties", "log4j2.xml", "log4j2-test.xml", "logback.xml",
                "META-INF/services/org.slf4j.spi.SLF4JServiceProvider");
        assertThat(entries).noneMatch(name -> name.startsWith("org/apache/logging/") || name.startsWith("org/slf4j/"));
        assertThat(entries).contains("dev/deltasync/application.properties", "routes/server.camel.yaml",
                "META-INF/services/org/apache/camel/component/deltasync");
        // Spring Boot's auto-configuration and the component's metadata for tooling travel with the library
        assertThat(entries).contains("META-INF/spring/org.springframework.boot.autoconfigure.AutoConfiguration.imports",
                "META-INF/dev/deltasync/component/deltasync.json", "dev/deltasync/component/DeltaSyncEndpointConfigurer.class");
    }

    @Test
    void itsPomLeavesSpringBootToTheApplication() throws IOException {
        String pom = Files.readString(Path.of("target/.flattened-pom.xml"));
        int at = pom.indexOf("<artifactId>camel-spring-boot</artifactId>");
        assertThat(at).isPositive();
        assertThat(pom.substring(at, pom.indexOf("</dependency>", at))).contains("<scope>provided</scope>");
        assertThat(pom).doesNotContain("<artifactId>spring-boot-starter</artifactId>");
    }

    @Test
    void itsPomPassesNoLoggingBindingOn() throws IOException {
        String pom = Files.readString(Path.of("target/.flattened-pom.xml"));
        assertThat(pom).doesNotContain("<profiles>").contains("<artifactId>camel-main</artifactId>");
        for (String binding : List.of("log4j-slf4j2-impl", "log4j-core")) {
            int at = pom.indexOf("<artifactId>" + binding + "</artifactId>");
            assertThat(at).as(binding).isPositive();
            assertThat(pom.substring(at, pom.indexOf("</dependency>", at))).as(binding)
                    .contains("<optional>true</optional>");
        }
    }

    @Test
    void theRunnableJarKeepsItsLoggingConfiguration() throws IOException {
        assertThat(entries(Path.of("target/deltasync.jar")))
                .contains("log4j2.xml", "dev/deltasync/application.properties", "dev/deltasync/DeltaSync.class",
                        "jolokia-access.xml")
                .doesNotContain("application.properties")
                .noneMatch(name -> name.startsWith("org/springframework/"));
    }

    private static Path libraryJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("deltasync-\\d.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/deltasync-VERSION.jar"));
        }
    }

    private static List<String> entries(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            return zip.stream().map(ZipEntry::getName).toList();
        }
    }
}
