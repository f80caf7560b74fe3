package io.xueliang.storage.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.xueliang.storage.signing.Ed25519Pem;
import io.xueliang.storage.signing.SigningKeyException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportSigningKeyTest {
    @TempDir
    Path root;

    private Path keyFile() {
        return root.resolve("keys").resolve(ExportSigningKey.PRIVATE_FILE);
    }

    private Path pubFile() {
        return root.resolve("keys").resolve(ExportSigningKey.PUBLIC_FILE);
    }

    @Test
    void createsTheKeyOnFirstUseOwnerOnlyAndReusesItAfterARestart() throws Exception {
        ExportSigningKey first = ExportSigningKey.loadOrCreate(root);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("keys")))).isEqualTo("rwx------");
        assertThat(Files.readString(keyFile())).startsWith("-----BEGIN PRIVATE KEY-----\n");
        assertThat(Files.readString(pubFile())).isEqualTo(first.publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----\n");
        assertThat(first.fingerprint()).matches("[0-9a-f]{64}");
        String keyText = Files.readString(keyFile());

        ExportSigningKey again = ExportSigningKey.loadOrCreate(root);
        assertThat(again.fingerprint()).isEqualTo(first.fingerprint());
        assertThat(Files.readString(keyFile())).isEqualTo(keyText);
        assertThat(Files.list(root.resolve("keys")).map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder(ExportSigningKey.PRIVATE_FILE, ExportSigningKey.PUBLIC_FILE);

        byte[] message = "manifest".getBytes(StandardCharsets.UTF_8);
        Signature v = Signature.getInstance("Ed25519");
        v.initVerify(first.publicKey());
        v.update(message);
        assertThat(v.verify(again.sign(message))).isTrue();
    }

    @Test
    void processesStartingTogetherAgreeOnOneKey() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<ExportSigningKey>> all = new ArrayList<>();
            Callable<ExportSigningKey> load = () -> ExportSigningKey.loadOrCreate(root);
            for (int i = 0; i < 8; i++) {
                all.add(pool.submit(load));
            }
            String fingerprint = all.get(0).get().fingerprint();
            for (Future<ExportSigningKey> f : all) {
                assertThat(f.get().fingerprint()).isEqualTo(fingerprint);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Ed25519Pem.fingerprint(Ed25519Pem.readPublic(pubFile())))
                .isEqualTo(ExportSigningKey.loadOrCreate(root).fingerprint());
    }

    @Test
    void refusesACorruptKeyFileAndLeavesItAsItWas() throws Exception {
        ExportSigningKey.loadOrCreate(root);
        String pem = Files.readString(keyFile());
        String corrupt = pem.replace(pem.substring(40, 44), "!!!!");
        Files.writeString(keyFile(), corrupt);
        assertThatThrownBy(() -> ExportSigningKey.loadOrCreate(root))
                .isInstanceOf(SigningKeyException.class)
                .hasMessageContaining(ExportSigningKey.PRIVATE_FILE)
                .hasMessageContaining("refusing to replace it");
        assertThat(Files.readString(keyFile())).isEqualTo(corrupt);

        Files.writeString(keyFile(), "");
        assertThatThrownBy(() -> ExportSigningKey.loadOrCreate(root))
                .isInstanceOf(SigningKeyException.class).hasMessageContaining("not an Ed25519 private key");
        assertThat(Files.size(keyFile())).isZero();
    }

    @Test
    void refusesAKeyOfAnotherAlgorithm() throws Exception {
        Files.createDirectories(keyFile().getParent());
        var ec = java.security.KeyPairGenerator.getInstance("EC").generateKeyPair();
        Files.writeString(keyFile(), "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder().encodeToString(ec.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ExportSigningKey.loadOrCreate(root))
                .isInstanceOf(SigningKeyException.class).hasMessageContaining("not an Ed25519 private key");
    }

    @Test
    void refusesAKeyFileItCannotRead() throws Exception {
        // Tests may run as root, where no permission stops a read: a directory in the key's place does.
        Files.createDirectories(keyFile());
        assertThatThrownBy(() -> ExportSigningKey.loadOrCreate(root))
                .isInstanceOf(SigningKeyException.class).hasMessageContaining("cannot be read");
        assertThat(Files.isDirectory(keyFile())).isTrue();
    }

    @Test
    void writesAMissingPublicHalfAgainAndRefusesOneOfAnotherKey() throws Exception {
        ExportSigningKey key = ExportSigningKey.loadOrCreate(root);
        Files.delete(pubFile());
        assertThat(ExportSigningKey.loadOrCreate(root).fingerprint()).isEqualTo(key.fingerprint());
        assertThat(Files.readString(pubFile())).isEqualTo(key.publicKeyPem());

        Path other = Files.createTempDirectory(root, "other");
        Files.writeString(pubFile(), ExportSigningKey.loadOrCreate(other).publicKeyPem());
        assertThatThrownBy(() -> ExportSigningKey.loadOrCreate(root))
                .isInstanceOf(SigningKeyException.class).hasMessageContaining("does not belong to");
    }

    @Test
    void fingerprintIsTheSha256OfTheDerAsOpensslComputesIt() throws Exception {
        ExportSigningKey key = ExportSigningKey.loadOrCreate(root);
        if (!Files.isExecutable(Path.of("/usr/bin/openssl"))) {
            System.out.println("skipped: /usr/bin/openssl not installed, fingerprint not compared with it");
            return;
        }
        Process p = new ProcessBuilder("/bin/sh", "-c",
                "/usr/bin/openssl pkey -pubin -in '" + pubFile() + "' -outform DER | sha256sum")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out.split(" ")[0]).isEqualTo(key.fingerprint());
    }
}
