package io.lcscan.provider.terraform;

import static java.util.Objects.requireNonNull;

import io.lcscan.provider.terraform.TerraformTraversal.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A resource instance address: {@code module.net["a"].aws_subnet.s[0]} or {@code
 * data.aws_caller_identity.me}: the module instances from the root down (each a call name and an
 * optional key), then the resource.
 */
final class TerraformAddress {
  private final List<ModuleStep> modules;
  private final boolean data;
  private final String type;
  private final String name;
  private final Object key;
  // the rendered address: every resource's is needed several times (ids, map keys, notes)
  private String text;

  /** One module instance step: {@code module.<name>[<key>]}. */
  record ModuleStep(String name, Object key) {
    ModuleStep {
      requireNonNull(name, "name is null");
    }

    @Override
    public String toString() {
      return "module." + name + (key == null ? "" : TerraformTraversal.renderKey(key));
    }

    // written out, as below: the generated ones bootstrap method handles on first use
    @Override
    public boolean equals(Object other) {
      return other instanceof ModuleStep step
          && name.equals(step.name)
          && Objects.equals(key, step.key);
    }

    @Override
    public int hashCode() {
      return name.hashCode() * 31 + Objects.hashCode(key);
    }
  }

  TerraformAddress(List<ModuleStep> modules, boolean data, String type, String name, Object key) {
    this.modules = List.copyOf(modules);
    this.data = data;
    this.type = requireNonNull(type, "type is null");
    this.name = requireNonNull(name, "name is null");
    this.key = key;
  }

  List<ModuleStep> modules() {
    return modules;
  }

  boolean data() {
    return data;
  }

  String type() {
    return type;
  }

  String name() {
    return name;
  }

  /** The count index ({@link Long}) or for_each key ({@link String}), or null. */
  Object key() {
    return key;
  }

  static Optional<TerraformAddress> parse(String address) {
    List<Step> steps = TerraformTraversal.parse(address);
    List<ModuleStep> modules = new ArrayList<>();
    int i = 0;
    while (i + 1 < steps.size()
        && steps.get(i).isName()
        && steps.get(i).name().equals("module")
        && steps.get(i + 1).isName()) {
      String call = steps.get(i + 1).name();
      i += 2;
      Object key = null;
      if (i < steps.size() && steps.get(i).isKey()) {
        key = steps.get(i).key();
        i++;
      }
      modules.add(new ModuleStep(call, key));
    }
    boolean data = false;
    if (i < steps.size() && steps.get(i).isName() && steps.get(i).name().equals("data")) {
      data = true;
      i++;
    }
    if (i + 1 >= steps.size() || !steps.get(i).isName() || !steps.get(i + 1).isName()) {
      return Optional.empty();
    }
    String type = steps.get(i).name();
    String name = steps.get(i + 1).name();
    i += 2;
    Object key = null;
    if (i < steps.size() && steps.get(i).isKey()) {
      key = steps.get(i).key();
      i++;
    }
    if (i != steps.size()) {
      return Optional.empty();
    }
    return Optional.of(new TerraformAddress(modules, data, type, name, key));
  }

  /** The module instance path with keys, {@code module.a["x"].module.b}; empty for the root. */
  String moduleInstance() {
    return moduleInstance(modules);
  }

  static String moduleInstance(List<ModuleStep> modules) {
    StringBuilder out = new StringBuilder();
    for (ModuleStep step : modules) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append(step);
    }
    return out.toString();
  }

  /** The configuration path of the module without keys, {@code module.a.module.b}. */
  String modulePath() {
    StringBuilder out = new StringBuilder();
    for (ModuleStep step : modules) {
      if (out.length() > 0) {
        out.append('.');
      }
      out.append("module.").append(step.name());
    }
    return out.toString();
  }

  /** The resource's address inside its module, without key: {@code aws_s3_bucket.b}. */
  String localResource() {
    return (data ? "data." : "") + type + "." + name;
  }

  // the addresses key the normalizer's maps: written out, since a record's generated equals and
  // hashCode bootstrap method handles on first use; the hash is the one a record would compute
  @Override
  public boolean equals(Object other) {
    return other instanceof TerraformAddress address
        && data == address.data
        && type.equals(address.type)
        && name.equals(address.name)
        && Objects.equals(key, address.key)
        && modules.equals(address.modules);
  }

  @Override
  public int hashCode() {
    int hash = modules.hashCode();
    hash = hash * 31 + Boolean.hashCode(data);
    hash = hash * 31 + type.hashCode();
    hash = hash * 31 + name.hashCode();
    return hash * 31 + Objects.hashCode(key);
  }

  TerraformAddress withKey(Object newKey) {
    return new TerraformAddress(modules, data, type, name, newKey);
  }

  @Override
  public String toString() {
    String rendered = text;
    if (rendered == null) {
      StringBuilder out = new StringBuilder(64);
      for (ModuleStep step : modules) {
        out.append("module.").append(step.name());
        if (step.key() != null) {
          out.append(TerraformTraversal.renderKey(step.key()));
        }
        out.append('.');
      }
      if (data) {
        out.append("data.");
      }
      out.append(type).append('.').append(name);
      if (key != null) {
        out.append(TerraformTraversal.renderKey(key));
      }
      rendered = out.toString();
      text = rendered;
    }
    return rendered;
  }
}
