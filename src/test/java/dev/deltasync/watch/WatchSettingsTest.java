package dev.deltasync.watch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WatchSettingsTest {

    @Test
    void badSettingsAreRefusedNamingTheProperty() {
        assertThatThrownBy(() -> new WatchSettings(0, 30_000, 100, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deltasync.quiet-ms");
        assertThatThrownBy(() -> new WatchSettings(1000, 30_000, 100, -1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deltasync.dir-event-limit");
        assertThatThrownBy(() -> new WatchSettings(1000, 500, 100, 100))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("deltasync.max-delay-ms");
    }

    @Test
    void deletesWaitTwoQuietPeriodsAndABatchStaysOpenAtLeastLongEnoughForThem() {
        WatchSettings settings = new WatchSettings(1000, 1000, 100, 100);

        assertThat(settings.deleteHoldMillis()).isEqualTo(2000);
        assertThat(settings.batchMaxAgeMillis()).isEqualTo(2100);
        assertThat(WatchSettings.defaults().batchMaxAgeMillis()).isEqualTo(30_000);
    }
}
