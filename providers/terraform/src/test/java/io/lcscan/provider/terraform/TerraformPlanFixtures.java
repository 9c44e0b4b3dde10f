package io.lcscan.provider.terraform;

import io.lcscan.spi.Resource;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.NoSuchElementException;

/** Loads the plan fixtures under {@code src/test/resources/plans}. */
final class TerraformPlanFixtures {
  private TerraformPlanFixtures() {}

  static Path plan(String name) {
    try {
      var url = TerraformPlanFixtures.class.getResource("/plans/" + name);
      if (url == null) {
        throw new IllegalArgumentException("no fixture " + name);
      }
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static TerraformPlanResult read(String name) {
    return TerraformPlanProvider.read(plan(name));
  }

  static Resource resource(TerraformPlanResult result, String address) {
    return result.inventory().resources().stream()
        .filter(r -> r.id().equals(address))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no resource " + address));
  }

  static TerraformPlanChange change(TerraformPlanResult result, String address) {
    return result.changes().stream()
        .filter(c -> c.address().equals(address))
        .findFirst()
        .orElseThrow(() -> new NoSuchElementException("no change " + address));
  }
}
