package dev.deltasync.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.deltasync.sync.FileEntry;
import dev.deltasync.wire.GetFile;
import dev.deltasync.wire.ManifestRequest;
import dev.deltasync.wire.PutBatch;
import dev.deltasync.wire.PutFile;
import dev.deltasync.wire.WireLimits;

class StreamBoundsTest {

    private static FileEntry file(String path, long size) {
        return FileEntry.file(path, size, 1_000L, false, "ab".repeat(32));
    }

    @Test
    void aBatchIsBoundByItsDeclaredSizesAndADeltaByItsTargetPlusFraming() {
        int maxFrame = WireLimits.DEFAULT_MAX_FRAME;
        assertThat(StreamBounds.of(new PutBatch(List.of(file("a", 10), file("b", 5))), maxFrame)).isEqualTo(15);
        assertThat(StreamBounds.of(new PutFile(file("a", 10), "", ""), maxFrame)).isEqualTo(30 + (1 << 20));
        assertThat(StreamBounds.of(new GetFile("a", "", true), maxFrame)).isEqualTo(StreamBounds.UNSIZED);
        assertThat(StreamBounds.of(new GetFile("a", "", false), maxFrame)).isZero();
        assertThat(StreamBounds.opensStream(new ManifestRequest())).isFalse();
        assertThat(StreamBounds.of(new ManifestRequest("", true, 4), maxFrame)).isPositive().isLessThan(1L << 30);
        assertThat(StreamBounds.delta(Long.MAX_VALUE / 2)).as("no overflow").isPositive();
    }

    @Test
    void theSpoolQuotaRefusesPastEitherLimitAndFreesWhatIsReleased() throws Exception {
        SpoolQuota quota = new SpoolQuota(100, 150);
        SpoolQuota.Account one = quota.account("client one");
        SpoolQuota.Account two = quota.account("client two");
        SpoolQuota.Account.Charged a = one.charge(new ByteArrayOutputStream());
        a.write(new byte[100]);
        assertThatThrownBy(() -> a.write(new byte[1])).isInstanceOf(SpoolQuota.FullException.class)
                .hasMessageContaining("per client");
        SpoolQuota.Account.Charged b = two.charge(new ByteArrayOutputStream());
        b.write(new byte[50]);
        assertThatThrownBy(() -> b.write(new byte[1])).isInstanceOf(SpoolQuota.FullException.class)
                .hasMessageContaining("all clients");
        assertThat(quota.used()).isEqualTo(150);
        a.release();
        a.release();
        assertThat(quota.used()).isEqualTo(50);
        assertThat(one.held()).isZero();
        b.write(new byte[50]);
        assertThat(two.held()).isEqualTo(100);
    }
}
