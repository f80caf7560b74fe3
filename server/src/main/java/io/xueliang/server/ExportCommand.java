package io.xueliang.server;

import io.xueliang.storage.signing.Ed25519Pem;
import io.xueliang.storage.evidence.EvidenceFile;
import io.xueliang.storage.evidence.EvidenceFinding;
import io.xueliang.storage.evidence.EvidenceManifest;
import io.xueliang.storage.evidence.EvidenceVerification;
import io.xueliang.storage.evidence.EvidenceVerifier;
import io.xueliang.storage.signing.SigningKeyException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code xueliang export ...}: evidence package tools that need no server. */
@Command(name = "export", mixinStandardHelpOptions = true, description = "Evidence export tools.",
        subcommands = ExportCommand.Verify.class)
final class ExportCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** {@code xueliang export verify FILE [--key PUBKEY.pem]}: exit 0 when it verifies, 1 naming what fails, 2 otherwise. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify an evidence package offline: the Ed25519 signature over manifest.json and every"
                    + " file's size and SHA-256.",
                    "Exit 0 when it verifies, 1 naming each entry that fails, 2 when FILE or the key cannot be read."})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The evidence package (ZIP).")
        Path file;

        @Option(names = "--key", paramLabel = "PUBKEY.pem",
                description = "The trusted public key (PEM), as served at /api/v1/exports/key. Without it the key"
                        + " inside the package is used and its fingerprint printed for you to compare.")
        Path key;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            PublicKey trusted = null;
            if (key != null) {
                try {
                    trusted = Ed25519Pem.readPublic(key);
                } catch (SigningKeyException e) {
                    System.err.println("xueliang export verify: trusted key " + e.getMessage());
                    return 2;
                }
            }
            EvidenceVerification v;
            try {
                v = EvidenceVerifier.verify(file, trusted);
            } catch (IOException e) {
                System.err.println("xueliang export verify: cannot read " + file + ": " + describe(e));
                return 2;
            }
            if (v.ok()) {
                EvidenceManifest m = v.manifest();
                out.printf("evidence package verified: %s%n", file);
                out.printf("  case %s, %s to %s, %d camera(s), exported by %s at %s (xueliang %s)%n",
                        m.caseReference(), m.from(), m.to(), m.cameras().size(), m.operator(), m.createdAt(),
                        m.softwareVersion());
                for (EvidenceFile f : m.files()) {
                    out.printf("  %s  %d bytes  sha256 %s  ok%n", f.name(), f.size(), f.sha256());
                }
            } else {
                out.printf("evidence package FAILED verification: %s, %d problem(s)%n", file, v.findings().size());
                for (EvidenceFinding f : v.findings()) {
                    out.println("  " + f);
                }
                if (!v.filesChecked()) {
                    out.println("  (the files were not compared with the manifest: it is missing, unreadable or damaged)");
                }
            }
            switch (v.keySource()) {
                case TRUSTED -> out.printf("checked with the trusted key %s, fingerprint %s%n", key, v.keyFingerprint());
                case PACKAGE -> {
                    out.printf("checked with the key inside the package, fingerprint %s%n", v.keyFingerprint());
                    out.println("no --key given: compare that fingerprint with the one the server serves at"
                            + " /api/v1/exports/key; only then is the signer known");
                }
                case NONE -> out.println("signature NOT checked: the package has no usable key and no --key was given");
            }
            return v.ok() ? 0 : 1;
        }

        private static String describe(IOException e) {
            if (e instanceof NoSuchFileException) {
                return "no such file";
            }
            if (e instanceof AccessDeniedException) {
                return "permission denied";
            }
            return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }
}
