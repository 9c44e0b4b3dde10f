package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code lcscan verify DIR}: recomputes the size and SHA-256 of every file of an evidence bundle
 * and compares them with its manifest. It proves the bundle is as written, provided the manifest
 * itself is trusted: keep the manifest's SHA-256 (printed by the scan and by this command) apart
 * from the bundle, or sign the manifest, to rule out an edit of both.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Checks an evidence bundle (--evidence DIR) against its manifest.json: every file listed"
          + " must be there with its recorded size and SHA-256, and no other file may be.",
      "Prints one line per changed, missing or added file.",
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:the bundle is intact",
      "1:a file was changed, is missing or was added",
      "2:bad usage, not a bundle, or a missing or malformed manifest",
    })
public final class VerifyCommand implements Callable<Integer> {

  /** A file of the bundle was changed, is missing or was added. */
  static final int CHANGED = 1;

  @Parameters(paramLabel = "DIR", description = "The evidence bundle to check.")
  Path bundle;

  private final Terminal terminal;

  @Inject
  public VerifyCommand(Terminal terminal) {
    this.terminal = requireNonNull(terminal, "terminal is null");
  }

  @Override
  public Integer call() {
    EvidenceManifest manifest = EvidenceManifest.read(bundle);
    List<EvidenceBundle.Problem> problems = EvidenceBundle.verify(bundle, manifest.files());
    if (problems.isEmpty()) {
      terminal
          .out()
          .println(
              "verified "
                  + manifest.files().size()
                  + " files of "
                  + bundle
                  + " (manifest sha256 "
                  + manifestSha256()
                  + ")");
      terminal.out().flush();
      return ExitCodes.CLEAN;
    }
    for (EvidenceBundle.Problem problem : problems) {
      terminal.out().println(problem);
    }
    terminal.out().flush();
    terminal
        .err()
        .println(
            "lcscan: "
                + bundle
                + ": "
                + problems.size()
                + " of its files differ from "
                + EvidenceBundle.MANIFEST);
    terminal.err().flush();
    return CHANGED;
  }

  private String manifestSha256() {
    Path file = bundle.resolve(EvidenceBundle.MANIFEST);
    try {
      return EvidenceBundle.sha256(Files.readAllBytes(file));
    } catch (IOException e) {
      throw new UsageException(file + ": cannot read: " + e.getMessage(), e);
    }
  }
}
