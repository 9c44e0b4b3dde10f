package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.lcscan.provider.terraform.TerraformAddress.ModuleStep;
import io.lcscan.provider.terraform.TerraformTraversal.Step;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The plan's {@code configuration} section, and the resolution of its expression references to
 * planned resource instances, literal values, or an honest "cannot tell".
 *
 * <p>Terraform lists every reference an expression makes, longest first ({@code
 * aws_s3_bucket.b[0].id}, {@code aws_s3_bucket.b[0]}, {@code aws_s3_bucket.b}); it never gives
 * locals or function results. References are followed through {@code var.*} (module call arguments,
 * root variables), {@code module.*} outputs, {@code each.value} and {@code count.index}/{@code
 * each.key}.
 */
final class TerraformPlanConfiguration {
  private static final int MAX_DEPTH = 16;

  private final JsonNode providerConfigs;
  // module configuration path without keys ("" for the root, module.a.module.b) -> module node
  private final Map<String, JsonNode> modules = new HashMap<>();
  // module path -> the module call that instantiates it
  private final Map<String, JsonNode> moduleCalls = new HashMap<>();
  // module path + " " + local resource address -> resource configuration
  private final Map<String, JsonNode> resources = new HashMap<>();
  private final Map<String, JsonNode> rootVariables;
  // module instance + " " + local resource address -> planned instances
  private final Map<String, List<TerraformAddress>> instances = new HashMap<>();

  TerraformPlanConfiguration(
      JsonNode configuration, JsonNode planVariables, List<TerraformAddress> planned) {
    requireNonNull(planned, "planned is null");
    JsonNode config = configuration == null ? MissingNode.getInstance() : configuration;
    this.providerConfigs = config.path("provider_config");
    indexModule("", config.path("root_module"));
    this.rootVariables = rootVariableValues(config.path("root_module"), planVariables);
    for (TerraformAddress address : planned) {
      instances
          .computeIfAbsent(
              address.moduleInstance() + " " + address.localResource(), k -> new ArrayList<>())
          .add(address);
    }
  }

  private void indexModule(String path, JsonNode module) {
    modules.put(path, module);
    for (JsonNode resource : module.path("resources")) {
      String address = resource.path("address").asText("");
      // the address is absolute in child modules; keep only the local part
      TerraformAddress.parse(address)
          .ifPresent(a -> resources.put(path + " " + a.localResource(), resource));
    }
    for (Map.Entry<String, JsonNode> call : fields(module.path("module_calls"))) {
      String childPath = (path.isEmpty() ? "" : path + ".") + "module." + call.getKey();
      moduleCalls.put(childPath, call.getValue());
      indexModule(childPath, call.getValue().path("module"));
    }
  }

  // root variable values, leaving out the ones the configuration declares sensitive
  private static Map<String, JsonNode> rootVariableValues(JsonNode root, JsonNode planVariables) {
    Map<String, JsonNode> out = new HashMap<>();
    JsonNode declared = root.path("variables");
    for (Map.Entry<String, JsonNode> variable : fields(declared)) {
      JsonNode value = variable.getValue().get("default");
      if (!variable.getValue().path("sensitive").asBoolean(false) && value != null) {
        out.put(variable.getKey(), value);
      }
    }
    if (planVariables != null) {
      for (Map.Entry<String, JsonNode> variable : fields(planVariables)) {
        boolean sensitive =
            declared.path(variable.getKey()).path("sensitive").asBoolean(false)
                || variable.getValue().path("sensitive").asBoolean(false);
        JsonNode value = variable.getValue().get("value");
        if (sensitive) {
          out.remove(variable.getKey());
        } else if (value != null) {
          out.put(variable.getKey(), value);
        }
      }
    }
    return out;
  }

  static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    return node != null && node.isObject() ? node.properties() : List.of();
  }

  private Set<String> referenced;

  /**
   * Whether anything in the resource's module (another resource, an output, a module call) refers
   * to it: an address nothing refers to is an orphan in the making (LC-DISP-07).
   */
  boolean isReferenced(TerraformAddress address) {
    if (referenced == null) {
      Set<String> out = new java.util.HashSet<>();
      for (Map.Entry<String, JsonNode> module : modules.entrySet()) {
        collectReferences(module.getKey(), module.getValue(), out);
      }
      referenced = out;
    }
    return referenced.contains(address.modulePath() + " " + address.localResource());
  }

  private static void collectReferences(String path, JsonNode node, Set<String> out) {
    if (node == null) {
      return;
    }
    if (node.isObject()) {
      JsonNode references = node.get("references");
      if (references != null && references.isArray()) {
        for (JsonNode reference : references) {
          List<Step> steps = TerraformTraversal.parse(reference.asText(""));
          if (steps.size() >= 2 && steps.get(0).isName() && steps.get(1).isName()) {
            String root = steps.get(0).name();
            String local =
                root.equals("data")
                    ? (steps.size() > 2
                        ? "data." + steps.get(1).name() + "." + steps.get(2).name()
                        : "")
                    : root + "." + steps.get(1).name();
            out.add(path + " " + local);
          }
        }
      }
      for (Map.Entry<String, JsonNode> field : fields(node)) {
        // child modules are walked with their own path
        if (!field.getKey().equals("module") && !field.getKey().equals("module_calls")) {
          collectReferences(path, field.getValue(), out);
        } else if (field.getKey().equals("module_calls")) {
          for (Map.Entry<String, JsonNode> call : fields(field.getValue())) {
            for (Map.Entry<String, JsonNode> part : fields(call.getValue())) {
              if (!part.getKey().equals("module")) {
                collectReferences(path, part.getValue(), out);
              }
            }
          }
        }
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        collectReferences(path, child, out);
      }
    }
  }

  JsonNode providerConfigs() {
    return providerConfigs;
  }

  /** The configuration block of a resource, or a missing node. */
  JsonNode resource(TerraformAddress address) {
    JsonNode node = resources.get(address.modulePath() + " " + address.localResource());
    return node == null ? MissingNode.getInstance() : node;
  }

  /** The module call that instantiates a module path, or a missing node for the root. */
  JsonNode moduleCall(String modulePath) {
    JsonNode node = moduleCalls.get(modulePath);
    return node == null ? MissingNode.getInstance() : node;
  }

  /** Where an expression leads. Empty lists mean nothing of that kind. */
  record Resolution(
      List<TerraformAddress> targets, List<JsonNode> literals, List<String> unresolved) {

    Resolution {
      targets = List.copyOf(targets);
      literals = List.copyOf(literals);
      unresolved = List.copyOf(unresolved);
    }

    static Resolution unresolved(String why) {
      return new Resolution(List.of(), List.of(), List.of(why));
    }
  }

  /** The context an expression is evaluated in: its module instance and its own instance key. */
  record Context(List<ModuleStep> module, Object key, JsonNode forEach) {
    Context {
      module = List.copyOf(module);
    }

    static Context of(TerraformAddress address, JsonNode resourceConfig) {
      return new Context(
          address.modules(), address.key(), resourceConfig.get("for_each_expression"));
    }

    String modulePath() {
      StringBuilder out = new StringBuilder();
      for (ModuleStep step : module) {
        out.append(out.length() == 0 ? "" : ".").append("module.").append(step.name());
      }
      return out.toString();
    }
  }

  /** Resolves an expression ({@code {constant_value, references}}) in a context. */
  Resolution resolve(JsonNode expression, Context context) {
    Collector collector = new Collector();
    resolveInto(expression, context, collector, 0);
    return new Resolution(
        List.copyOf(collector.targets), collector.literals, List.copyOf(collector.unresolved));
  }

  private static final class Collector {
    final Set<TerraformAddress> targets = new LinkedHashSet<>();
    final List<JsonNode> literals = new ArrayList<>();
    final Set<String> unresolved = new LinkedHashSet<>();
  }

  private void resolveInto(JsonNode expression, Context context, Collector out, int depth) {
    if (depth > MAX_DEPTH) {
      out.unresolved.add("references nest too deeply");
      return;
    }
    if (expression == null || expression.isMissingNode() || expression.isNull()) {
      out.unresolved.add("not set in the configuration");
      return;
    }
    JsonNode references = expression.get("references");
    if (references == null || !references.isArray() || references.isEmpty()) {
      JsonNode constant = expression.get("constant_value");
      if (constant != null && !constant.isNull()) {
        out.literals.add(constant);
      } else {
        out.unresolved.add("no constant value or reference in the configuration");
      }
      return;
    }
    Subjects subjects = Subjects.of(references);
    for (Map.Entry<String, Set<Object>> resource : subjects.resources.entrySet()) {
      resolveResource(resource.getKey(), resource.getValue(), subjects, context, out);
    }
    for (String name : subjects.variables) {
      resolveVariable(name, context, out, depth);
    }
    for (Map.Entry<String, Set<List<Object>>> module : subjects.moduleOutputs.entrySet()) {
      for (List<Object> keyAndOutput : module.getValue()) {
        resolveModuleOutput(
            module.getKey(),
            keyAndOutput.get(0),
            (String) keyAndOutput.get(1),
            context,
            out,
            depth);
      }
    }
    if (subjects.eachValue) {
      resolveEachValue(context, out, depth);
    }
    out.unresolved.addAll(subjects.opaque);
  }

  private void resolveResource(
      String local, Set<Object> keys, Subjects subjects, Context context, Collector out) {
    List<TerraformAddress> planned =
        instances.getOrDefault(
            TerraformAddress.moduleInstance(context.module()) + " " + local, List.of());
    for (Object key : keys) {
      if (key != NO_KEY) {
        TerraformAddress match = find(planned, key);
        if (match == null) {
          out.unresolved.add(local + TerraformTraversal.renderKey(key) + " is not in the plan");
        } else {
          out.targets.add(match);
        }
        continue;
      }
      if (planned.size() == 1 && planned.get(0).key() == null) {
        out.targets.add(planned.get(0));
      } else if (planned.isEmpty()) {
        out.unresolved.add(local + " is not in the plan");
      } else if ((subjects.countIndex || subjects.eachKey)
          && context.key() != null
          && find(planned, context.key()) != null) {
        // x[count.index] / x[each.key]: the instance with this resource's own key
        out.targets.add(find(planned, context.key()));
      } else {
        out.unresolved.add(
            local + " has " + planned.size() + " instances and no index to pick one");
      }
    }
  }

  private static TerraformAddress find(List<TerraformAddress> planned, Object key) {
    for (TerraformAddress address : planned) {
      if (Objects.equals(address.key(), key)) {
        return address;
      }
    }
    return null;
  }

  private void resolveVariable(String name, Context context, Collector out, int depth) {
    if (context.module().isEmpty()) {
      JsonNode value = rootVariables.get(name);
      if (value == null || value.isNull()) {
        out.unresolved.add("var." + name + " has no known value");
      } else {
        out.literals.add(value);
      }
      return;
    }
    String path = context.modulePath();
    JsonNode call = moduleCall(path);
    JsonNode argument = call.path("expressions").get(name);
    List<ModuleStep> parent = context.module().subList(0, context.module().size() - 1);
    ModuleStep step = context.module().get(context.module().size() - 1);
    if (argument == null) {
      // not passed: the variable's default in the module
      JsonNode fallback = modules.getOrDefault(path, MissingNode.getInstance());
      JsonNode value = fallback.path("variables").path(name).get("default");
      if (value == null || value.isNull()) {
        out.unresolved.add("var." + name + " has no known value in " + path);
      } else {
        out.literals.add(value);
      }
      return;
    }
    resolveInto(
        argument, new Context(parent, step.key(), call.get("for_each_expression")), out, depth + 1);
  }

  private void resolveModuleOutput(
      String call, Object key, String output, Context context, Collector out, int depth) {
    List<ModuleStep> child = new ArrayList<>(context.module());
    String childPath =
        (context.modulePath().isEmpty() ? "" : context.modulePath() + ".") + "module." + call;
    JsonNode moduleCall = moduleCall(childPath);
    boolean repeated = moduleCall.has("count_expression") || moduleCall.has("for_each_expression");
    if (key == NO_KEY && repeated) {
      out.unresolved.add("module." + call + " has several instances and no index to pick one");
      return;
    }
    child.add(new ModuleStep(call, key == NO_KEY ? null : key));
    JsonNode expression = moduleCall.path("module").path("outputs").path(output).get("expression");
    if (expression == null) {
      out.unresolved.add("module." + call + "." + output + " is not in the configuration");
      return;
    }
    resolveInto(expression, new Context(child, null, null), out, depth + 1);
  }

  private void resolveEachValue(Context context, Collector out, int depth) {
    if (context.forEach() == null || context.key() == null) {
      out.unresolved.add("each.value without a for_each");
      return;
    }
    // for_each = aws_x.y: each.value is the instance with the same key
    JsonNode forEachRefs = context.forEach().path("references");
    Subjects subjects = Subjects.of(forEachRefs);
    boolean found = false;
    for (String local : subjects.resources.keySet()) {
      List<TerraformAddress> planned =
          instances.getOrDefault(
              TerraformAddress.moduleInstance(context.module()) + " " + local, List.of());
      TerraformAddress match = find(planned, context.key());
      if (match != null) {
        out.targets.add(match);
        found = true;
      }
    }
    if (!found) {
      out.unresolved.add("each.value of a for_each that is not a resource in the plan");
    }
  }

  private static final Object NO_KEY = new Object();

  /** The distinct things a reference list points at. */
  private static final class Subjects {
    // local resource address -> keys referenced (NO_KEY for the whole resource)
    final Map<String, Set<Object>> resources = new LinkedHashMap<>();
    final Set<String> variables = new LinkedHashSet<>();
    // module call name -> [key, output]
    final Map<String, Set<List<Object>>> moduleOutputs = new LinkedHashMap<>();
    final Set<String> opaque = new LinkedHashSet<>();
    boolean countIndex;
    boolean eachKey;
    boolean eachValue;

    static Subjects of(JsonNode references) {
      Subjects out = new Subjects();
      for (JsonNode reference : references) {
        out.add(reference.asText(""));
      }
      // a keyed reference comes with its unkeyed form; the keyed one is the real subject
      for (Set<Object> keys : out.resources.values()) {
        if (keys.size() > 1) {
          keys.remove(NO_KEY);
        }
      }
      return out;
    }

    private void add(String reference) {
      List<Step> steps = TerraformTraversal.parse(reference);
      if (steps.isEmpty() || !steps.get(0).isName()) {
        return;
      }
      String root = steps.get(0).name();
      switch (root) {
        case "var" -> {
          if (steps.size() > 1 && steps.get(1).isName()) {
            variables.add(steps.get(1).name());
          }
        }
        case "count" -> countIndex = true;
        case "each" -> {
          if (steps.size() > 1 && "key".equals(steps.get(1).name())) {
            eachKey = true;
          } else {
            eachValue = true;
          }
        }
        case "module" -> addModule(steps);
        case "data" -> {
          if (steps.size() > 2) {
            opaque.add(
                "data." + steps.get(1).name() + "." + steps.get(2).name() + " is a data source");
          }
        }
        case "local" -> opaque.add(reference.split("\\[", 2)[0] + " is a local value");
        case "path", "terraform", "self" -> {}
        default -> {
          if (steps.size() < 2 || !steps.get(1).isName()) {
            return;
          }
          String local = root + "." + steps.get(1).name();
          Object key = steps.size() > 2 && steps.get(2).isKey() ? steps.get(2).key() : NO_KEY;
          resources.computeIfAbsent(local, k -> new LinkedHashSet<>()).add(key);
        }
      }
    }

    private void addModule(List<Step> steps) {
      if (steps.size() < 2 || !steps.get(1).isName()) {
        return;
      }
      String call = steps.get(1).name();
      int i = 2;
      Object key = NO_KEY;
      if (i < steps.size() && steps.get(i).isKey()) {
        key = steps.get(i).key();
        i++;
      }
      if (i < steps.size() && steps.get(i).isName()) {
        moduleOutputs
            .computeIfAbsent(call, k -> new LinkedHashSet<>())
            .add(java.util.Arrays.asList(key, steps.get(i).name()));
      }
    }
  }
}
