package dev.deltasync.lines;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class LineKeyCacheTest {

    @Test
    void keepsTheKeysOfSmallTextByHash() {
        LineKeyCache cache = new LineKeyCache(1024, 1 << 20);
        byte[] text = "one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8);

        cache.remember("h", text);

        assertThat(cache.keysOf("h")).hasValueSatisfying(keys ->
                assertThat(keys).containsExactly(LineKeys.of(0, text, Lines.starts(text))));
        assertThat(cache.keysOf("other")).isEmpty();
    }

    @Test
    void leavesOutBinaryAndLargeContents() {
        LineKeyCache cache = new LineKeyCache(16, 1 << 20);

        cache.remember("binary", new byte[] {'a', 0, '\n'});
        cache.remember("large", "a line longer than sixteen bytes\n".getBytes(StandardCharsets.UTF_8));

        assertThat(cache.keysOf("binary")).isEmpty();
        assertThat(cache.keysOf("large")).isEmpty();
        assertThat(cache.bytes()).isZero();
    }

    @Test
    void theLeastRecentlyUsedGoFirstOnceTheBoundIsReached() {
        byte[] text = "a\nb\nc\nd\n".getBytes(StandardCharsets.UTF_8); // 4 keys: 16 bytes + 100 for the entry
        LineKeyCache cache = new LineKeyCache(1024, 3 * 116);
        cache.remember("1", text);
        cache.remember("2", text);
        cache.remember("3", text);
        cache.keysOf("1"); // used: "2" is now the oldest

        cache.remember("4", text);

        assertThat(cache.keysOf("2")).isEmpty();
        assertThat(cache.keysOf("1")).isPresent();
        assertThat(cache.keysOf("3")).isPresent();
        assertThat(cache.keysOf("4")).isPresent();
        assertThat(cache.bytes()).isLessThanOrEqualTo(3 * 116);
    }
}
