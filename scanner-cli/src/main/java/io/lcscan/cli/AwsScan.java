package io.lcscan.cli;

import static java.util.Objects.requireNonNull;

import io.lcscan.provider.aws.AwsProvider;
import io.lcscan.provider.common.InMemoryCollectionSink;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Scope;
import java.time.Instant;
import java.util.Map;

/**
 * Runs a live AWS scan for {@code scan aws} and {@code demo}: the caller's identity, then every
 * collector over the scope, with progress on stderr. The commands reach the AWS SDK only through
 * this class, so other commands never load it.
 */
final class AwsScan {

  private final ProgressDisplay display;

  AwsScan(ProgressDisplay display) {
    this.display = requireNonNull(display, "display is null");
  }

  /** Collects the scope and returns the inventory and the redacted raw answers. */
  FindingsCommand.Input run(Scope scope) {
    Instant started = Instant.now();
    AwsProvider provider = new AwsProvider();
    // the principal named in the report; when it is unknown the scan's own gaps say why
    String identity = provider.callerIdentity(scope).orElse(null);
    InMemoryCollectionSink collected;
    try (ScanProgress progress = new ScanProgress(display)) {
      provider.collect(scope, progress, progress);
      collected = progress.collected();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("the scan was interrupted", e);
    }
    Inventory inventory =
        AwsInventory.of(
            scope,
            identity,
            collected.resources(),
            collected.gaps(),
            collected.calls(),
            started,
            Instant.now());
    return new FindingsCommand.Input(inventory, Map.of(), collected.raw());
  }
}
