package io.lcscan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionResolver;
import dev.cel.runtime.CelResolvedOverload;
import io.lcscan.config.ConfigSource;
import io.lcscan.config.LcscanConfig;
import io.lcscan.engine.Engine;
import io.lcscan.spi.Finding;
import io.lcscan.spi.Inventory;
import io.lcscan.spi.Resource;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link FastRule} gives exactly what CEL gives: every stored rule is evaluated both ways on every
 * fixture, the example inventory and mutated fixture resources, and each result or error must be
 * the same (an error's class, message and the {@link RuleError} text found in its causes, compared
 * by {@link FastRule.Checked}). The counts make sure that most evaluations are decided without CEL.
 */
class TestFastRules {
  private static final ObjectMapper JSON =
      JsonMapper.builder().addModule(new JavaTimeModule()).build();

  private static final AtomicLong decided = new AtomicLong();
  private static final AtomicLong delegated = new AtomicLong();
  private static final Queue differences = new Queue();
  private static final Set<String> decidedRules = ConcurrentHashMap.newKeySet();
  private static LcscanConfig checked;

  private static final class Queue extends ConcurrentLinkedQueue<String> {
    private static final long serialVersionUID = 1L;
  }

  @BeforeAll
  static void load() {
    PrecompiledRules both =
        PrecompiledRules.bundled()
            .withPrograms(
                (controlId, resourceType, fast, cel) ->
                    fast.isPresent()
                        ? new FastRule.Checked(
                            controlId + "[" + resourceType + "]",
                            fast.get(),
                            (rule, here, difference) -> {
                              (here ? decided : delegated).incrementAndGet();
                              if (here) {
                                decidedRules.add(rule);
                              }
                              if (difference != null && differences.size() < 50) {
                                differences.add(rule + ": " + difference);
                              }
                            })
                        : cel.get());
    checked = LcscanConfig.load(ConfigSource.bundled(), both);
  }

  @Test
  void mostStoredRulesRunWithoutCel() throws IOException {
    PrecompiledRules store = PrecompiledRules.bundled();
    Catalog catalog = LcscanConfig.load(ConfigSource.bundled(), store).catalog();
    int rules = 0;
    int fast = 0;
    List<String> slow = new ArrayList<>();
    for (Control control : catalog.controls()) {
      for (CompiledRule rule : catalog.rules(control.id()).values()) {
        CelAbstractSyntaxTree ast =
            store.storedAst(rule.controlId(), rule.resourceType()).orElseThrow();
        rules++;
        if (FastRule.of(ast, () -> null).isPresent()) {
          fast++;
        } else {
          slow.add(rule.controlId() + "[" + rule.resourceType() + "]");
        }
      }
    }
    System.out.println("fast-eligible stored rules: " + fast + " of " + rules + "; not: " + slow);
    assertThat(rules).isGreaterThan(500);
    // so that no bundled rule makes a scan build the CEL runtime
    assertThat(slow).isEmpty();
  }

  private static final List<String> STRINGS =
      List.of(
          "",
          "a",
          "/",
          "//",
          "aa",
          "aaa",
          "a/b",
          "/a//b/",
          " ",
          "x y  z",
          "; A:b ;",
          "\u00a0x\u2003",
          "\u200bx\u200b",
          "\t\n x \r\u3000\u0085",
          "\u180ex\u2028",
          "a\ud83d\ude01b",
          "\ud800");

  /**
   * The strings extension's split, replace and trim and map literals, on texts that reach their
   * edge cases (empty texts and separators, repeated separators, Unicode whitespace, zero-width
   * spaces, surrogates), evaluated both ways.
   */
  @Test
  void stringFunctionsAndMapLiteralsGiveWhatCelGives() throws CelEvaluationException {
    List<String> rules =
        List.of(
            "fail(resource.attributes.s.split(resource.attributes.t).join('|') + '#'"
                + " + string(size(resource.attributes.s.split(resource.attributes.t))))",
            "fail(resource.attributes.s.replace(resource.attributes.t, resource.attributes.u))",
            "fail('[' + resource.attributes.s.trim() + ']')",
            "resource.attributes.s in {'a': 1, '/': 2} ?"
                + " fail(string({'a': 1, '/': 2}[resource.attributes.s])) :"
                + " resource.attributes.s in {'aa': 'x', 'a/b': 'y'}"
                + " && {'aa': 'x', 'a/b': 'y'}[resource.attributes.s] == 'y'");
    RuleCompiler compiler = new RuleCompiler(Map.of());
    Map<String, long[]> counts = new ConcurrentHashMap<>();
    List<String> found = new ArrayList<>();
    for (String source : rules) {
      CompiledRule rule = compiler.compile("LC-TEST", "test.thing", source).rule().orElseThrow();
      FastRule fast = FastRule.of(rule.checkedAst(), rule::program).orElseThrow();
      FastRule.Checked checked =
          new FastRule.Checked(
              source,
              fast,
              (name, here, difference) -> {
                counts.computeIfAbsent(name, k -> new long[2])[here ? 0 : 1]++;
                if (difference != null && found.size() < 20) {
                  found.add(name + ": " + difference);
                }
              });
      for (String s : STRINGS) {
        for (String t : STRINGS) {
          for (String u : STRINGS) {
            CelMap attributes = new CelMap(Map.of("s", s, "t", t, "u", u));
            CelMap resource = new CelMap(Map.of("attributes", attributes));
            try {
              checked.eval(
                  name -> name.equals("resource") ? Optional.of(resource) : Optional.empty(),
                  NO_FUNCTIONS);
            } catch (CelEvaluationException | RuntimeException e) {
              // compared by Checked
            }
          }
        }
      }
    }
    assertThat(found).isEmpty();
    long strings = STRINGS.size();
    for (String source : rules) {
      long[] count = counts.get(source);
      assertThat(count[0] + count[1]).isEqualTo(strings * strings * strings);
      // texts with surrogates are CEL's to decide
      assertThat(count[0]).as(source).isGreaterThan(count[1]).isGreaterThan(0);
    }
  }

  private static final CelFunctionResolver NO_FUNCTIONS =
      new CelFunctionResolver() {
        @Override
        public Optional<CelResolvedOverload> findOverloadMatchingArgs(
            String name, Collection<String> overloads, Object[] args) {
          return Optional.empty();
        }

        @Override
        public Optional<CelResolvedOverload> findOverloadMatchingArgs(String name, Object[] args) {
          return Optional.empty();
        }
      };

  @Test
  void fixturesExamplesAndMutatedResourcesGiveWhatCelGives() throws IOException {
    long before = decided.get() + delegated.get();
    List<ControlFixtures.Case> cases = ControlFixtures.allCases();
    assertThat(cases).hasSizeGreaterThan(100);
    for (ControlFixtures.Case fixture : cases) {
      findings(fixture.config(checked), fixture.inventory());
    }
    Inventory example;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream("lcscan-config/examples/inventory.json")) {
      example = JSON.readValue(in, Inventory.class);
    }
    findings(checked, example);
    long plain = decided.get() + delegated.get() - before;
    long plainDecided = decided.get();
    System.out.println(
        "fixtures and example inventory: "
            + plain
            + " evaluations of fast-eligible rules, "
            + plainDecided
            + " decided without CEL, "
            + decidedRules.size()
            + " rules");
    assertThat(differences).isEmpty();
    assertThat(plain).isGreaterThan(1_000);
    // all but a handful: missing keys and error() are decided here, positions and all
    assertThat(plainDecided * 100 / plain).isGreaterThanOrEqualTo(99);

    // each attribute of each fixture resource removed, or given another JSON type
    Set<String> seen = new HashSet<>();
    int variants = 0;
    for (ControlFixtures.Case fixture : cases) {
      LcscanConfig config = fixture.config(checked);
      List<Resource> resources = fixture.inventory().resources();
      for (int i = 0; i < resources.size(); i++) {
        Resource resource = resources.get(i);
        if (!seen.add(resource.type() + " " + resource.attributes() + " " + resource.tags())) {
          continue;
        }
        for (ObjectNode attributes : mutations(resource.attributes())) {
          List<Resource> mutated = new ArrayList<>(resources);
          mutated.set(i, with(resource, attributes));
          Inventory inventory = fixture.inventory();
          findings(
              config,
              new Inventory(
                  inventory.schemaVersion(),
                  inventory.metadata(),
                  mutated,
                  inventory.gaps(),
                  inventory.calls()));
          variants++;
        }
      }
    }
    long total = decided.get() + delegated.get() - before;
    System.out.println(
        "with "
            + variants
            + " mutated resources: "
            + total
            + " evaluations, "
            + decided.get()
            + " decided without CEL, "
            + delegated.get()
            + " by CEL");
    assertThat(differences).isEmpty();
    assertThat(variants).isGreaterThan(1_000);
    // the rules that call split, replace and trim or bind map literals
    assertThat(decidedRules)
        .contains(
            "LC-DISP-05[azure.compute.snapshot]",
            "LC-DISP-05[gcp.compute.snapshot]",
            "LC-OPER-09[azure.desktopvirtualization.hostpool]",
            "LC-OPER-11[azure.network.dns-zone]",
            "LC-RENEW-01[azure.compute.disk]",
            "LC-RENEW-01[azure.recoveryservices.vault]",
            "LC-RENEW-01[azure.storage.account]",
            "LC-RENEW-01[gcp.compute.ssl-policy]",
            "LC-RENEW-01[gcp.sql.instance]");
    assertThat(decided.get() * 100 / total).isGreaterThanOrEqualTo(95);
  }

  private static final List<JsonNode> REPLACEMENTS =
      List.of(
          JsonNodeFactory.instance.textNode("x"),
          JsonNodeFactory.instance.numberNode(7L),
          JsonNodeFactory.instance.numberNode(-1.5),
          JsonNodeFactory.instance.booleanNode(true),
          JsonNodeFactory.instance.nullNode(),
          JsonNodeFactory.instance.arrayNode().add("a").add(1L),
          JsonNodeFactory.instance.objectNode().put("a", "b"));

  /**
   * The attributes with one member (to depth 3) removed or replaced by another value, and a text
   * also by variants of it.
   */
  private static List<ObjectNode> mutations(ObjectNode attributes) {
    List<ObjectNode> variants = new ArrayList<>();
    List<List<Object>> paths = new ArrayList<>();
    collect(attributes, new ArrayList<>(), paths);
    for (List<Object> path : paths) {
      ObjectNode removed = attributes.deepCopy();
      JsonNode parent = at(removed, path.subList(0, path.size() - 1));
      Object last = path.get(path.size() - 1);
      if (parent instanceof ObjectNode object) {
        object.remove((String) last);
      } else {
        ((com.fasterxml.jackson.databind.node.ArrayNode) parent).remove((Integer) last);
      }
      variants.add(removed);
      JsonNode original = at(attributes, path);
      List<JsonNode> replacements = new ArrayList<>(REPLACEMENTS);
      if (original.isTextual()) {
        // the text padded with whitespace (Unicode's too) and spaced or doubled separators
        String text = original.textValue();
        replacements.add(
            JsonNodeFactory.instance.textNode(
                "\u2003" + text.replace(";", " ; ").replace(":", " :") + " \t"));
        if (text.contains("/")) {
          replacements.add(JsonNodeFactory.instance.textNode(text.replace("/", "//")));
        }
      }
      for (JsonNode replacement : replacements) {
        if (replacement.getNodeType() == original.getNodeType() && replacement.equals(original)) {
          continue;
        }
        ObjectNode swapped = attributes.deepCopy();
        JsonNode into = at(swapped, path.subList(0, path.size() - 1));
        if (into instanceof ObjectNode object) {
          object.set((String) last, replacement.deepCopy());
        } else {
          ((com.fasterxml.jackson.databind.node.ArrayNode) into)
              .set((Integer) last, replacement.deepCopy());
        }
        variants.add(swapped);
      }
    }
    return variants;
  }

  private static void collect(JsonNode node, List<Object> path, List<List<Object>> paths) {
    if (path.size() >= 3) {
      return;
    }
    if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        List<Object> next = new ArrayList<>(path);
        next.add(field.getKey());
        paths.add(next);
        collect(field.getValue(), next, paths);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < Math.min(node.size(), 1); i++) {
        List<Object> next = new ArrayList<>(path);
        next.add(i);
        paths.add(next);
        collect(node.get(i), next, paths);
      }
    }
  }

  private static JsonNode at(JsonNode root, List<Object> path) {
    JsonNode node = root;
    for (Object step : path) {
      node = step instanceof String name ? node.get(name) : node.get((Integer) step);
    }
    return node;
  }

  private static Resource with(Resource r, ObjectNode attributes) {
    return new Resource(
        r.provider(),
        r.account(),
        r.region(),
        r.type(),
        r.id(),
        r.name(),
        r.tags(),
        r.classification(),
        attributes,
        r.references(),
        r.unknownAttributes(),
        r.source(),
        r.change());
  }

  private static List<Finding> findings(LcscanConfig config, Inventory inventory) {
    return new Engine(config, Clock.fixed(ControlFixtures.NOW, ZoneOffset.UTC))
        .evaluate(inventory, ControlFixtures.NOW, control -> true)
        .findings();
  }
}
