package dev.deltasync.rsync;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RefineExperimentTest {
    @Test
    void run() throws Exception {
        String c = System.getProperty("exp.case", "compressible");
        Path dir = Path.of("/tmp/deltasync-workloads", c);
        Path old; Path nu;
        try (var s = Files.list(dir.resolve("OLD"))) { old = s.findFirst().orElseThrow(); }
        nu = dir.resolve("NEW").resolve(old.getFileName());
        for (String spec : System.getProperty("exp.policies", "64,32,8,2").split(";")) {
            String[] p = spec.split(",");
            RefinePolicy policy = new RefinePolicy(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]), Integer.parseInt(p[3]), 50000);
            RefiningEncoderTest.Receiver r = new RefiningEncoderTest.Receiver(old) {
                @Override
                public java.util.List<Signature> signatures(int b, long seed, java.util.List<BasisRange> ranges) throws java.io.IOException {
                    long before = wireBytes;
                    var out = super.signatures(b, seed, ranges);
                    System.out.println("  round b=" + b + " ranges=" + ranges.size() + " bytes=" + (wireBytes - before));
                    return out;
                }
            };
            ByteArrayOutputStream delta = new ByteArrayOutputStream();
            RefiningEncoder.Result res;
            try (InputStream in = Files.newInputStream(nu)) {
                res = RefiningEncoder.encode(nu, in, Files.size(old), Sha256.hex(old), r, policy, () -> delta);
            }
            byte[] z = com.github.luben.zstd.Zstd.compress(delta.toByteArray(), 3);
            System.out.println("EXP " + c + " policy=" + spec + " rounds=" + res.rounds() + " sigs=" + r.wireBytes + " delta=" + delta.size() + " deltaZstd=" + z.length + " literal=" + res.stats().literalBytes() + " total~" + (r.wireBytes + z.length));
        }
    }
}
