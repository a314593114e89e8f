package dev.deltasync.component;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.camel.CamelContext;
import org.apache.camel.catalog.EndpointValidationResult;
import org.apache.camel.catalog.RuntimeCamelCatalog;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.tooling.model.ComponentModel;
import org.apache.camel.tooling.model.ComponentModel.EndpointOptionModel;
import org.apache.camel.tooling.model.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The component metadata generated from the annotations (src/generated/) is what Camel's tooling reads: the context's
 * catalog finds it by scheme, it lists every option and header the code declares (so a stale copy fails here), and the
 * catalog validates deltasync: URIs with it.
 */
class ComponentMetadataTest {

    private CamelContext context;

    @BeforeEach
    void start() {
        context = new DefaultCamelContext();
        context.start();
    }

    @AfterEach
    void stop() throws Exception {
        context.close();
    }

    @Test
    void theContextFindsTheComponentsJsonByScheme() throws Exception {
        ComponentModel model = model();

        assertThat(model.getScheme()).isEqualTo("deltasync");
        assertThat(model.getJavaType()).isEqualTo(DeltaSyncComponent.class.getName());
        assertThat(model.getSyntax()).isEqualTo("deltasync:role");
        assertThat(model.isConsumerOnly()).isTrue();
        assertThat(model.getDescription()).contains("rsync deltas");
    }

    @Test
    void everyOptionOfTheEndpointIsListedWithItsDefaultAndDescription() throws Exception {
        Map<String, EndpointOptionModel> options = model().getEndpointOptions().stream()
                .collect(Collectors.toMap(EndpointOptionModel::getName, Function.identity()));

        List<String> declared = Arrays.stream(DeltaSyncEndpoint.class.getDeclaredFields())
                .filter(f -> f.isAnnotationPresent(UriParam.class) || f.isAnnotationPresent(UriPath.class))
                .map(Field::getName).toList();
        assertThat(declared).hasSizeGreaterThan(20);
        assertThat(options.keySet()).containsAll(declared);
        for (String name : declared) {
            assertThat(options.get(name).getDescription()).as(name).isNotBlank();
        }
        assertThat(options.get("role").getEnums()).containsExactly("server", "client");
        assertThat(options.get("dir").isRequired()).isTrue();
        assertThat(options.get("port").getDefaultValue()).asString().isEqualTo("7070");
        assertThat(options.get("quietMs").getDefaultValue()).asString().isEqualTo("1000");
        assertThat(options.get("secret").isSecret()).isTrue();
        assertThat(options.get("mode").getEnums()).containsExactly("0", "1", "2", "3");
    }

    @Test
    void everyHeaderConstantIsListed() throws Exception {
        List<String> headers = model().getEndpointHeaders().stream().map(h -> h.getName()).toList();

        List<Object> constants = Arrays.stream(DeltaSyncConstants.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()))
                .map(ComponentMetadataTest::value).toList();
        assertThat(headers).containsExactlyInAnyOrderElementsOf(constants.stream().map(String::valueOf).toList());
    }

    @Test
    void theCatalogValidatesDeltasyncUris() {
        RuntimeCamelCatalog catalog = catalog();

        EndpointValidationResult good = catalog.validateProperties("deltasync",
                Map.of("role", "server", "dir", "/srv/shared", "quietMs", "500"));
        EndpointValidationResult misspelled = catalog.validateProperties("deltasync",
                Map.of("role", "server", "dir", "/srv/shared", "quietMz", "500"));
        EndpointValidationResult badRole = catalog.validateProperties("deltasync", Map.of("role", "relay", "dir", "/srv"));

        assertThat(good.isSuccess()).as(good.summaryErrorMessage(false)).isTrue();
        assertThat(misspelled.isSuccess()).isFalse();
        assertThat(misspelled.getUnknown()).containsExactly("quietMz");
        assertThat(badRole.isSuccess()).isFalse();
        assertThat(badRole.getInvalidEnum()).containsKey("role");
    }

    private ComponentModel model() throws Exception {
        String json = catalog().componentJSonSchema("deltasync");
        assertThat(json).as("component JSON on the classpath").isNotNull();
        return JsonMapper.generateComponentModel(json);
    }

    private RuntimeCamelCatalog catalog() {
        return context.getCamelContextExtension().getContextPlugin(RuntimeCamelCatalog.class);
    }

    private static Object value(Field field) {
        try {
            return field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
