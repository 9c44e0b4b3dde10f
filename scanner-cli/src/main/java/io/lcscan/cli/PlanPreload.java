package io.lcscan.cli;

import io.lcscan.provider.terraform.TerraformPlanException;
import io.lcscan.provider.terraform.TerraformPlanProvider;
import io.lcscan.provider.terraform.TerraformPlanResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Starts reading the plan of {@code scan terraform PLAN.json} on a daemon thread from the first
 * line of {@code main}, so that parsing it overlaps Guice's and picocli's startup, as {@link
 * ConfigReader#preload} does for the catalog. The command takes the result only for the file
 * picocli parsed; otherwise, and when the read failed in a way other than bad input, it reads the
 * plan itself, so every error is reported as without the preload and at the same point.
 */
final class PlanPreload {

  // the options of scan terraform that take a value, which is never the plan
  private static final Set<String> VALUE_OPTIONS =
      Set.of("--config", "--lang", "--format", "--output", "--fail-on", "--evidence");
  private static final Set<String> FLAGS = Set.of("--soft-fail", "--debug");

  private static volatile PlanPreload started;

  private final Path plan;
  private final CompletableFuture<TerraformPlanResult> result = new CompletableFuture<>();

  private PlanPreload(Path plan) {
    this.plan = plan;
  }

  /** Starts reading the plan when the arguments plainly are {@code scan terraform PLAN.json}. */
  static void start(String[] args) {
    Optional<Path> plan = planFile(args);
    if (plan.isEmpty()) {
      return;
    }
    PlanPreload preload = new PlanPreload(plan.get());
    Thread thread = new Thread(preload::read, "lcscan-plan");
    // a run that stops on bad options does not wait for the plan
    thread.setDaemon(true);
    started = preload;
    thread.start();
  }

  /**
   * The plan read at startup when it is {@code plan}, once; empty when there is none to take.
   *
   * @throws TerraformPlanException the plan is not a readable Terraform plan
   */
  static Optional<TerraformPlanResult> take(Path plan) {
    PlanPreload preload = started;
    if (preload == null || !preload.plan.equals(plan)) {
      return Optional.empty();
    }
    started = null;
    try {
      return Optional.ofNullable(preload.result.join());
    } catch (CompletionException e) {
      if (e.getCause() instanceof TerraformPlanException bad) {
        throw bad;
      }
      // anything else is left to the command's own read, which reports it as always
      return Optional.empty();
    }
  }

  private void read() {
    Timings.mark("plan preload starts");
    try {
      // a pipe or a device is read once, by the command, as without the preload
      result.complete(Files.isRegularFile(plan) ? TerraformPlanProvider.read(plan) : null);
      Timings.mark("plan preloaded");
    } catch (RuntimeException | Error e) {
      result.completeExceptionally(e);
    }
  }

  /**
   * The plan file when the arguments are plainly {@code scan terraform} with one positional
   * argument and only options known to take a value or none; empty otherwise, such as for help, an
   * unknown option or two positional arguments.
   */
  static Optional<Path> planFile(String[] args) {
    List<CommandTree.Node> branch = CommandTree.branch(args);
    if (branch.isEmpty() || branch.get(branch.size() - 1).type() != ScanTerraformCommand.class) {
      return Optional.empty();
    }
    String positional = null;
    boolean names = false;
    boolean optionsEnded = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!names) {
        // the command's words, and any --debug among them
        names = arg.equals("terraform");
        continue;
      }
      if (!optionsEnded && arg.equals("--")) {
        optionsEnded = true;
      } else if (!optionsEnded && VALUE_OPTIONS.contains(arg)) {
        i++;
      } else if (!optionsEnded && arg.startsWith("-")) {
        int equals = arg.indexOf('=');
        if (!FLAGS.contains(arg)
            && (equals < 0 || !VALUE_OPTIONS.contains(arg.substring(0, equals)))) {
          return Optional.empty();
        }
      } else if (positional == null) {
        positional = arg;
      } else {
        return Optional.empty();
      }
    }
    if (positional == null || positional.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Path.of(positional));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }
}
