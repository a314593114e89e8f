import dev.deltasync.rsync.BasisRange;
import dev.deltasync.rsync.RangeSignatures;
import dev.deltasync.rsync.RefinePolicy;
import dev.deltasync.rsync.RefiningEncoder;
import dev.deltasync.rsync.Sha256;
import dev.deltasync.rsync.Signature;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The sender's side of multi-round refinement, in process: encodes NEW against OLD with the receiver's
 * range signatures computed in the same JVM, and prints the encode throughput with the receiver's
 * signature time taken out. Run: java -cp target/deltasync.jar bench/RefineEncodeBench.java OLD NEW [repeats]
 */
public class RefineEncodeBench {

    public static void main(String[] args) throws Exception {
        Path old = Path.of(args[0]);
        Path now = Path.of(args[1]);
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String oldSha = Sha256.hex(old);
        long size = Files.size(now);
        for (int run = 1; run <= repeats; run++) {
            long[] receiverNanos = {0};
            long[] wire = {0};
            int[] rounds = {0};
            // sums cut to the width the encoder asks for, as a current server answers a shared round
            RefiningEncoder.SignatureSource receiver = (block, seed, ranges, width) -> {
                long t = System.nanoTime();
                ByteArrayOutputStream reply = new ByteArrayOutputStream();
                try (FileChannel channel = FileChannel.open(old, StandardOpenOption.READ)) {
                    RangeSignatures.write(channel, channel.size(), block, seed, ranges, width,
                            RangeSignatures.Form.BARE, reply);
                }
                List<Signature> signatures = RangeSignatures.read(new ByteArrayInputStream(reply.toByteArray()), block,
                        seed, ranges, width);
                receiverNanos[0] += System.nanoTime() - t;
                wire[0] += reply.size();
                rounds[0]++;
                return signatures;
            };
            long start = System.nanoTime();
            RefiningEncoder.Result result;
            try (InputStream in = Files.newInputStream(now)) {
                result = RefiningEncoder.encode(now, in, Files.size(old), oldSha, receiver, RefinePolicy.DEFAULT,
                        () -> OutputStream.nullOutputStream());
            }
            long total = System.nanoTime() - start;
            double encodeSeconds = (total - receiverNanos[0]) / 1e9;
            System.out.printf("run %d: %s, %d rounds, %d B of signatures, delta %d B, literal %d B; "
                            + "encode %.2f s = %.0f MB/s (receiver's signatures %.2f s not counted)%n",
                    run, now.getFileName(), rounds[0], wire[0], result.stats().deltaBytes(),
                    result.stats().literalBytes(), encodeSeconds, size / 1e6 / encodeSeconds, receiverNanos[0] / 1e9);
        }
    }
}
