package io.lcscan.catalog;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonPointer;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.Program;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * One control's rule for one resource type, compiled once when the catalog loads and evaluated many
 * times.
 *
 * <p>A rule taken from the build's compiled rules ({@link PrecompiledRules}) is planned on its
 * first evaluation, so a scan plans only the rules of the resource types it meets.
 */
public final class CompiledRule {
  private final String controlId;
  private final String resourceType;
  private final String source;
  private volatile Program program;
  // null once the program is planned
  private Supplier<Program> planner;
  // the checked and optimized AST when the rule was compiled in this process, for the build's store
  private final CelAbstractSyntaxTree checkedAst;
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
    this(
        controlId,
        resourceType,
        source,
        requireNonNull(program, "program is null"),
        null,
        null,
        attributePaths,
        resourceFields,
        settingsPaths,
        lookupTypes,
        readsChange);
  }

  /** A rule compiled in this process, with the AST it was planned from. */
  CompiledRule(
      String controlId,
      String resourceType,
      String source,
      Program program,
      List<String> attributePaths,
      List<String> resourceFields,
      List<String> settingsPaths,
      Set<String> lookupTypes,
      boolean readsChange,
      CelAbstractSyntaxTree checkedAst) {
    this(
        controlId,
        resourceType,
        source,
        requireNonNull(program, "program is null"),
        null,
        requireNonNull(checkedAst, "checkedAst is null"),
        attributePaths,
        resourceFields,
        settingsPaths,
        lookupTypes,
        readsChange);
  }

  /** A rule planned by {@code planner} when it is first evaluated. */
  CompiledRule(
      String controlId,
      String resourceType,
      String source,
      Supplier<Program> planner,
      List<String> attributePaths,
      List<String> resourceFields,
      List<String> settingsPaths,
      Set<String> lookupTypes,
      boolean readsChange) {
    this(
        controlId,
        resourceType,
        source,
        null,
        requireNonNull(planner, "planner is null"),
        null,
        attributePaths,
        resourceFields,
        settingsPaths,
        lookupTypes,
        readsChange);
  }

  private CompiledRule(
      String controlId,
      String resourceType,
      String source,
      Program program,
      Supplier<Program> planner,
      CelAbstractSyntaxTree checkedAst,
      List<String> attributePaths,
      List<String> resourceFields,
      List<String> settingsPaths,
      Set<String> lookupTypes,
      boolean readsChange) {
    this.controlId = requireNonNull(controlId, "controlId is null");
    this.resourceType = requireNonNull(resourceType, "resourceType is null");
    this.source = requireNonNull(source, "source is null");
    this.program = program;
    this.planner = planner;
    this.checkedAst = checkedAst;
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

  /**
   * The planned program. A rule from the build's store is planned here on its first call, once,
   * whichever thread calls first.
   */
  public Program program() {
    Program planned = program;
    if (planned == null) {
      synchronized (this) {
        planned = program;
        if (planned == null) {
          planned = planner.get();
          program = planned;
          planner = null;
        }
      }
    }
    return planned;
  }

  /** Whether the program was planned (always, unless the rule came from the build's store). */
  public boolean planned() {
    return program != null;
  }

  /** The checked AST when this process compiled the rule; null for a rule from the store. */
  CelAbstractSyntaxTree checkedAst() {
    return checkedAst;
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
