package dev.stratagem.runtime.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ResultDigestTest {

    @Test
    void the_digest_is_the_sha_256_of_the_whole_stream_however_many_buffers_it_takes() throws Exception {
        ResultDigest digest = new ResultDigest();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        DataOutputStream expected = new DataOutputStream(stream);
        for (int i = 0; i < 100_000; i++) {   // 1,700,000 bytes: six 256 KB buffers and a part, past the 4 kept
            digest.equity(1_000L * i, 100_000 + i * 0.25);
            expected.writeByte('E');
            expected.writeLong(1_000L * i);
            expected.writeDouble(100_000 + i * 0.25);
        }
        String longName = "X".repeat(300_000);   // longer than a buffer: hashed as a piece of its own, in order
        digest.position(longName, 100, 12.5);
        expected.writeByte('P');
        expected.writeDouble(100);
        expected.writeDouble(12.5);
        expected.write(longName.getBytes(StandardCharsets.UTF_8));
        expected.writeByte(0);
        digest.position("ORCL", -3, 7);
        expected.writeByte('P');
        expected.writeDouble(-3);
        expected.writeDouble(7);
        expected.write("ORCL".getBytes(StandardCharsets.UTF_8));
        expected.writeByte(0);

        assertThat(digest.finish()).isEqualTo(sha256(stream.toByteArray()));
    }

    @Test
    void digests_fed_side_by_side_on_two_threads_each_hash_their_own_stream() throws Exception {
        String[] results = new String[2];
        Thread[] threads = new Thread[2];
        for (int t = 0; t < 2; t++) {
            int which = t;
            threads[t] = Thread.ofPlatform().start(() -> {
                ResultDigest digest = new ResultDigest();
                for (int i = 0; i < 40_000; i++) {
                    digest.equity(i, which == 0 ? i : -i);
                }
                results[which] = digest.finish();
            });
        }
        for (Thread thread : threads) {
            thread.join();
        }
        ResultDigest alone = new ResultDigest();
        for (int i = 0; i < 40_000; i++) {
            alone.equity(i, i);
        }
        assertThat(results[0]).isEqualTo(alone.finish()).isNotEqualTo(results[1]);
    }

    @Test
    void an_empty_digest_is_the_sha_256_of_nothing() throws NoSuchAlgorithmException {
        assertThat(new ResultDigest().finish()).isEqualTo(sha256(new byte[0]));
    }

    private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
