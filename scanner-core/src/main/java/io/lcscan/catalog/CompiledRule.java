package io.lcscan.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonPointer;
import dev.cel.runtime.Program;
import java.util.List;
import java.util.Set;

/**
 * One control's rule for one resource type, compiled once when the catalog loads and evaluated many
 * times.
 */
public final class CompiledRule {
  private final String controlId;
  private final String resourceType;
  private final String source;
  private final Program program;
  private final List<String> attributePaths;
  private final List<JsonPointer> attributePointers;
  private final List<String> resourceFields;
  private final List<String> settingsPaths;
  private final Set<String> lookupTypes;
  private final boolean readsChange;
  private final boolean readsRegion;

  /**
   * @param attributePaths the {@code resource.attributes.*} paths the rule reads, dotted and
   *     sorted; the engine shows their values as evidence
   * @param resourceFields the other {@code resource.*} fields it reads ({@code region}, {@code
   *     tags.lc-owner}), for FAIL messages
   * @param settingsPaths the {@code settings.*} paths it reads, for FAIL messages
   * @param lookupTypes the types it reads through {@code resources('<type>')}; a coverage gap on
   *     one of them makes the rule's answer unreliable
   * @param readsChange whether it reads {@code resource.change} (directly or through {@code
   *     weakening()}); only such rules evaluate resources planned for deletion
   */
  public CompiledRule(
      String controlId,
      String resourceType,
      String source,
      Program program,
      List<String> attributePaths,
      List<String> resourceFields,
      List<String> settingsPaths,
      Set<String> lookupTypes,
      boolean readsChange) {
    this.controlId = requireNonNull(controlId, "controlId is null");
    this.resourceType = requireNonNull(resourceType, "resourceType is null");
    this.source = requireNonNull(source, "source is null");
    this.program = requireNonNull(program, "program is null");
    this.attributePaths = List.copyOf(attributePaths);
    this.attributePointers = this.attributePaths.stream().map(CompiledRule::pointer).toList();
    this.resourceFields = List.copyOf(resourceFields);
    this.settingsPaths = List.copyOf(settingsPaths);
    this.lookupTypes = Set.copyOf(lookupTypes);
    this.readsChange = readsChange;
    this.readsRegion = this.resourceFields.contains("region");
  }

  public CompiledRule(
      String controlId,
      String resourceType,
      String source,
      Program program,
      List<String> attributePaths,
      List<String> resourceFields,
      List<String> settingsPaths,
      Set<String> lookupTypes) {
    this(
        controlId,
        resourceType,
        source,
        program,
        attributePaths,
        resourceFields,
        settingsPaths,
        lookupTypes,
        false);
  }

  /** The JSON pointer of a dotted attribute path. */
  public static JsonPointer pointer(String dottedPath) {
    return JsonPointer.compile("/" + dottedPath.replace("~", "~0").replace(".", "/"));
  }

  public String controlId() {
    return controlId;
  }

  public String resourceType() {
    return resourceType;
  }

  public String source() {
    return source;
  }

  public Program program() {
    return program;
  }

  public List<String> attributePaths() {
    return attributePaths;
  }

  /** JSON pointers of {@link #attributePaths()}, in the same order. */
  public List<JsonPointer> attributePointers() {
    return attributePointers;
  }

  public List<String> resourceFields() {
    return resourceFields;
  }

  public List<String> settingsPaths() {
    return settingsPaths;
  }

  public Set<String> lookupTypes() {
    return lookupTypes;
  }

  /** Whether the rule reads {@code resource.change}, directly or through {@code weakening()}. */
  public boolean readsChange() {
    return readsChange;
  }

  /** Whether the rule reads {@code resource.region}; an {@code unknown} region is then ERROR. */
  public boolean readsRegion() {
    return readsRegion;
  }

  @Override
  public String toString() {
    return controlId + "[" + resourceType + "]: " + source;
  }
}
