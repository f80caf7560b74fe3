package io.xueliang.server;

import io.xueliang.storage.evidence.EvidenceFile;
import io.xueliang.storage.evidence.EvidenceFinding;
import io.xueliang.storage.evidence.EvidenceManifest;
import io.xueliang.storage.evidence.EvidenceVerification;
import io.xueliang.storage.evidence.EvidenceVerifier;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    /** Exit code: whole, and signed by the key given with --key or --fingerprint. */
    static final int VERIFIED = 0;
    /** Exit code: damaged or tampered with; each finding is printed. */
    static final int FAILED = 1;
    /** Exit code: the command could not run (FILE or the key file unreadable, bad arguments). */
    static final int CANNOT_RUN = 2;
    /** Exit code: whole under the key inside it, but that is not the key given: someone else signed it. */
    static final int UNKNOWN_SIGNER = 3;
    /** Exit code: whole under the key inside it; no key was given, so who signed it is not established. */
    static final int SIGNER_NOT_PINNED = 4;

    /** {@code xueliang export verify FILE [--key PUBKEY.pem | --fingerprint HEX]}; exit codes as in docs/EVIDENCE.md. */
    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {"Verify an evidence package offline: its ZIP structure, the Ed25519 signature over"
                    + " manifest.json and every file's size and SHA-256.",
                    "Exit 0 when it verifies and the given key signed it, 1 naming each entry that fails, 2 when FILE"
                            + " or the key cannot be read, 3 when it is whole but signed by another key than the one"
                            + " given, 4 when it is whole but no key was given to say who signed it."})
    static final class Verify implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE", description = "The evidence package (ZIP).")
        Path file;

        @Option(names = "--key", paramLabel = "PUBKEY.pem", converter = TrustedKey.Converter.class,
                description = "The trusted public key (PEM), as served at /api/v1/exports/key.")
        TrustedKey key;

        @Option(names = "--fingerprint", paramLabel = "HEX",
                description = "The trusted key's fingerprint (64 hex digits, as served at /api/v1/exports/key), instead"
                        + " of --key. Without either the key inside the package is used and its fingerprint printed"
                        + " for you to compare (exit 4).")
        String fingerprint;

        @Override
        public Integer call() {
            PrintStream out = System.out;
            if (key != null && fingerprint != null) {
                System.err.println("xueliang export verify: give --key or --fingerprint, not both");
                return CANNOT_RUN;
            }
            EvidenceVerification v;
            try {
                v = fingerprint != null ? EvidenceVerifier.verifyWithFingerprint(file, fingerprint)
                        : EvidenceVerifier.verify(file, key == null ? null : key.key());
            } catch (IllegalArgumentException e) {
                System.err.println("xueliang export verify: --fingerprint: " + e.getMessage());
                return CANNOT_RUN;
            } catch (IOException e) {
                System.err.println("xueliang export verify: cannot read " + file + ": " + describe(e));
                return CANNOT_RUN;
            }
            EvidenceVerification.Verdict verdict = v.verdict();
            if (v.ok()) {
                EvidenceManifest m = v.manifest();
                out.printf("evidence package verified: %s%n", file);
                out.printf("  case %s, %s to %s, %d camera(s), exported by %s at %s (xueliang %s)%n",
                        m.caseReference(), m.from(), m.to(), m.cameras().size(), m.operator(), m.createdAt(),
                        m.softwareVersion());
                for (EvidenceFile f : m.files()) {
                    out.printf("  %s  %d bytes  sha256 %s  ok%n", f.name(), f.size(), f.sha256());
                }
            } else if (verdict == EvidenceVerification.Verdict.UNKNOWN_SIGNER) {
                out.printf("evidence package signed by an UNKNOWN key: %s%n", file);
                v.findings().forEach(f -> out.println("  " + f));
                out.println("  (it is whole under its own key: whoever holds that key made or re-signed it)");
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
                case TRUSTED -> out.printf("checked with the trusted %s, fingerprint %s%n",
                        key != null ? "key " + key.file() : "fingerprint", v.keyFingerprint());
                case PACKAGE -> {
                    out.printf("checked with the key inside the package, fingerprint %s%n", v.keyFingerprint());
                    out.println("no --key or --fingerprint given: compare that fingerprint with the one the server"
                            + " serves at /api/v1/exports/key; only then is the signer known");
                }
                case NONE -> out.println("signature NOT checked: the package has no usable key and no --key was given");
            }
            return switch (verdict) {
                case VERIFIED -> VERIFIED;
                case SIGNER_NOT_PINNED -> SIGNER_NOT_PINNED;
                case UNKNOWN_SIGNER -> UNKNOWN_SIGNER;
                case FAILED -> FAILED;
            };
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
