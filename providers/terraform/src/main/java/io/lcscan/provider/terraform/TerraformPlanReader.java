package io.lcscan.provider.terraform;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the JSON of {@code terraform show -json plan.out} (Terraform 0.12 and later, OpenTofu): one
 * tree parse, then the managed resource instances with their sanitized before/after values.
 *
 * <p>Input that is not such a plan fails with a {@link TerraformPlanException} naming the file.
 */
public final class TerraformPlanReader {
  private static final int READ_STEP = 64 * 1024;
  private static final long MAX_ARRAY_SIZE = Integer.MAX_VALUE - 8;

  private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)");

  private TerraformPlanReader() {}

  static TerraformPlan read(Path file) {
    JsonNode root = parse(file);
    checkIsPlan(file, root);
    return toPlan(file, root);
  }

  private static JsonNode parse(Path file) {
    long size;
    try {
      size = Files.size(file);
      if (size == 0) {
        throw new TerraformPlanException(
            file, "the file is empty, expected the JSON of `terraform show -json plan.out`");
      }
    } catch (NoSuchFileException e) {
      throw new TerraformPlanException(file, "no such file");
    } catch (IOException e) {
      throw new TerraformPlanException(
          file, "cannot read the file (" + e.getClass().getSimpleName() + ")");
    }
    try {
      JsonNode root = TerraformJson.readPlan(readBytes(file, size));
      if (root == null || root.isMissingNode()) {
        throw new TerraformPlanException(
            file, "the file is empty, expected the JSON of `terraform show -json plan.out`");
      }
      return root;
    } catch (JsonProcessingException e) {
      JsonLocation location = e.getLocation();
      int line = location == null ? 0 : location.getLineNr();
      int column = location == null ? 0 : location.getColumnNr();
      // the parser's own message can quote the input, which may hold secrets: say what, not where
      boolean truncated =
          e instanceof JsonEOFException
              || String.valueOf(e.getOriginalMessage()).contains("end-of-input");
      String problem =
          truncated
              ? "truncated JSON: the input ends in the middle of a value"
              : "not valid JSON; expected the output of `terraform show -json plan.out`";
      throw new TerraformPlanException(file, line, column, problem, null);
    } catch (IOException e) {
      throw new TerraformPlanException(
          file, "cannot read the file (" + e.getClass().getSimpleName() + ")");
    }
  }

  /**
   * The file's bytes. {@code Files.readAllBytes} reads through a direct buffer as large as the
   * file, zeroed first, which for a plan of megabytes cost more than the read itself; this reads
   * into the array in steps through a small buffer.
   */
  static byte[] readBytes(Path file, long expectedSize) throws IOException {
    if (expectedSize > MAX_ARRAY_SIZE) {
      return Files.readAllBytes(file);
    }
    byte[] bytes = new byte[(int) expectedSize];
    try (InputStream in = Files.newInputStream(file)) {
      int length = 0;
      while (length < bytes.length) {
        int read = in.read(bytes, length, Math.min(READ_STEP, bytes.length - length));
        if (read < 0) {
          // the file shrank since its size was read
          return Arrays.copyOf(bytes, length);
        }
        length += read;
      }
      if (in.read() < 0) {
        return bytes;
      }
    }
    // the file grew since its size was read
    return Files.readAllBytes(file);
  }

  private static void checkIsPlan(Path file, JsonNode root) {
    if (!root.isObject()) {
      throw new TerraformPlanException(file, "not a Terraform plan: the JSON is not an object");
    }
    boolean planShape = root.has("planned_values") || root.has("resource_changes");
    if (!planShape
        && root.has("terraform_version")
        && (root.has("serial") || root.has("lineage"))) {
      throw new TerraformPlanException(
          file,
          "a Terraform state file, not a plan: run `terraform plan -out plan.out` and scan `terraform show -json plan.out`");
    }
    if (!planShape && root.has("values")) {
      throw new TerraformPlanException(
          file,
          "the JSON of a Terraform state (`terraform show -json` without a plan file), not a plan: scan `terraform show -json plan.out`");
    }
    JsonNode version = root.get("format_version");
    if (version == null) {
      throw new TerraformPlanException(file, "not a Terraform plan: no format_version");
    }
    if (!version.isTextual()) {
      throw new TerraformPlanException(
          file, "not a Terraform plan: format_version is not a string");
    }
    if (!supported(version.asText())) {
      throw new TerraformPlanException(
          file,
          "unsupported plan format_version \""
              + version.asText()
              + "\"; lcscan reads 0.1 to 1.x (Terraform 0.12 and later, OpenTofu)");
    }
    if (!planShape) {
      throw new TerraformPlanException(
          file, "not a Terraform plan: no planned_values or resource_changes");
    }
    if (root.path("errored").asBoolean(false)) {
      throw new TerraformPlanException(
          file,
          "the plan is errored (terraform plan failed), so it does not show what apply would do");
    }
  }

  static boolean supported(String version) {
    Matcher matcher = VERSION.matcher(version);
    if (!matcher.matches()) {
      return false;
    }
    int major = Integer.parseInt(matcher.group(1));
    int minor = Integer.parseInt(matcher.group(2));
    return (major == 0 && minor >= 1) || major == 1;
  }

  private static TerraformPlan toPlan(Path file, JsonNode root) {
    List<TerraformPlannedResource> resources = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (JsonNode change : root.path("resource_changes")) {
      if (!"managed".equals(change.path("mode").asText("managed")) || change.has("deposed")) {
        // data sources are read, not deployed; a deposed object is the old half of a replace
        continue;
      }
      String text = change.path("address").asText("");
      TerraformAddress address = TerraformAddress.parse(text).orElse(null);
      if (address == null) {
        notes.add(text + ": address not understood, skipped");
        continue;
      }
      JsonNode body = change.path("change");
      List<String> actions = new ArrayList<>();
      body.path("actions").forEach(a -> actions.add(a.asText()));
      resources.add(
          new TerraformPlannedResource(
              address,
              change.path("provider_name").asText(""),
              actions,
              change.path("action_reason").asText(null),
              TerraformPlanValues.of(body.get("before"), null, body.get("before_sensitive")),
              TerraformPlanValues.of(
                  body.get("after"), body.get("after_unknown"), body.get("after_sensitive"))));
      seen.add(address.toString());
    }
    // resources only in planned_values (no resource_changes entry): taken as unchanged
    collectPlannedValues(file, root.path("planned_values").path("root_module"), seen, resources);
    List<TerraformAddress> addresses = new ArrayList<>();
    for (TerraformPlannedResource resource : resources) {
      addresses.add(resource.address());
    }
    TerraformPlanConfiguration configuration =
        new TerraformPlanConfiguration(root.get("configuration"), root.get("variables"), addresses);
    List<String> drifted = new ArrayList<>();
    for (JsonNode drift : root.path("resource_drift")) {
      if ("managed".equals(drift.path("mode").asText("managed")) && drift.has("address")) {
        drifted.add(drift.path("address").asText());
      }
    }
    if (root.has("complete") && !root.path("complete").asBoolean(true)) {
      notes.add("the plan is not complete: Terraform deferred some changes to a later plan");
    }
    return new TerraformPlan(
        file,
        root.path("format_version").asText(),
        root.path("terraform_version").asText(null),
        root.path("timestamp").asText(null),
        resources,
        configuration,
        drifted,
        notes);
  }

  private static void collectPlannedValues(
      Path file, JsonNode module, Set<String> seen, List<TerraformPlannedResource> out) {
    for (JsonNode resource : module.path("resources")) {
      String text = resource.path("address").asText("");
      if (!"managed".equals(resource.path("mode").asText("managed")) || seen.contains(text)) {
        continue;
      }
      TerraformAddress address = TerraformAddress.parse(text).orElse(null);
      if (address == null || !seen.add(address.toString())) {
        continue;
      }
      out.add(
          new TerraformPlannedResource(
              address,
              resource.path("provider_name").asText(""),
              List.of("no-op"),
              null,
              TerraformPlanValues.ABSENT,
              TerraformPlanValues.of(
                  built(file, resource.get("values")),
                  null,
                  built(file, resource.get("sensitive_values")))));
    }
    for (JsonNode child : module.path("child_modules")) {
      collectPlannedValues(file, child, seen, out);
    }
  }

  // the parse left these values as bytes: it had checked them, so building them cannot fail
  private static JsonNode built(Path file, JsonNode node) {
    try {
      return TerraformJson.resolve(node);
    } catch (IOException e) {
      throw new TerraformPlanException(
          file, "not valid JSON; expected the output of `terraform show -json plan.out`");
    }
  }

  static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return TerraformPlanConfiguration.fields(node);
  }
}
