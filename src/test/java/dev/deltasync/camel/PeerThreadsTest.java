package dev.deltasync.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;

/** A peer's pools are its Camel context's: named, and gone when the context stops. */
class PeerThreadsTest {

    @Test
    void poolsAreNamedByCamelAndStopWithTheContext() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        PeerThreads threads = PeerThreads.of(camel);
        List<ExecutorService> pools = List.of(threads.rounds(), threads.installs(), threads.signatureWriter(),
                threads.sharedRoundSenders(), threads.serverInstalls());

        String name = threads.rounds().submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS);
        assertThat(name).startsWith("Camel (" + camel.getName() + ")").endsWith("deltasync-rounds");
        assertThat(threads.rounds()).as("made once, then reused").isSameAs(pools.get(0));

        camel.stop();

        assertThat(pools).allSatisfy(pool -> assertThat(pool.isShutdown()).isTrue());
    }

    @Test
    void aSideHostedWithManyOthersInstallsOnAsFewThreadsAsItIsGiven() throws Exception {
        DefaultCamelContext camel = new DefaultCamelContext();
        camel.start();
        try {
            PeerThreads threads = PeerThreads.of(camel).installThreads(3);
            assertThat(((java.util.concurrent.ThreadPoolExecutor) threads.installs()).getMaximumPoolSize()).isEqualTo(3);
            assertThat(((java.util.concurrent.ThreadPoolExecutor) PeerThreads.of(camel).installs()).getMaximumPoolSize())
                    .isEqualTo(PeerThreads.DEFAULT_INSTALL_THREADS);
        } finally {
            camel.stop();
        }
    }

    @Test
    void askingForAPoolBeforeCamelIsSetUpSaysSo() {
        assertThatThrownBy(() -> new PeerThreads().rounds()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("before Camel was set up");
    }
}
