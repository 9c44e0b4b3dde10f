package io.lcscan.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cel.runtime.Program;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestCelList {
  @Test
  void concatExtendsTheNewestViewInPlaceAndKeepsOlderViews() {
    CelList first = CelList.concat(List.of(), List.of("a"));
    CelList second = CelList.concat(first, List.of("b"));
    CelList third = CelList.concat(second, List.of("c"));
    // appending to an older view copies it, leaving the newer views alone
    CelList branch = CelList.concat(second, List.of("x"));
    assertThat(first).containsExactly("a");
    assertThat(second).containsExactly("a", "b");
    assertThat(third).containsExactly("a", "b", "c");
    assertThat(branch).containsExactly("a", "b", "x");
    assertThat(CelList.concat(third, List.of("d"))).containsExactly("a", "b", "c", "d");
    assertThat(CelList.concat(List.of(1L), List.of(2L))).isEqualTo(List.of(1L, 2L));
  }

  @Test
  void bindKeepsItsMeaning() throws Exception {
    RuleCompiler compiler = new RuleCompiler(Map.of());
    Program program =
        compiler
            .compile(
                "LC-TEST-01",
                "aws.s3.bucket",
                "cel.bind(x, 1, cel.bind(x, x + 1, x * 10)) == 20"
                    + " && cel.bind(l, [1, 2, 3], l.exists(l, l == 3) && size(l) == 3 && l[0] == 1)"
                    + " && cel.bind(m, {'a': 1}, has(m.a) && m.a == 1 && 'a' in m)"
                    + " && cel.bind(unused, error('never read'), true)"
                    + " && cel.bind(l, [1], cel.bind(k, l + [2], k == [1, 2] && l == [1]))")
            .rule()
            .orElseThrow()
            .program();
    assertThat(program.eval(Map.of("resource", Map.of(), "settings", Map.of()))).isEqualTo(true);
  }

  @Test
  void filterAndMapGiveTheSameResults() throws Exception {
    RuleCompiler compiler = new RuleCompiler(Map.of());
    Program program =
        compiler
            .compile(
                "LC-TEST-01",
                "aws.s3.bucket",
                "[1, 2, 3, 4].filter(x, x % 2 == 0).map(x, x * 10) == [20, 40]"
                    + " && ['a'] + ['b'] + [] == ['a', 'b']"
                    + " && [[1], [2, 3]].map(l, l + [0]) == [[1, 0], [2, 3, 0]]"
                    + " && size([1, 2, 3].filter(x, x > 5)) == 0"
                    + " && dyn([1]) + dyn([2]) == [1, 2] && dyn('a') + dyn('b') == 'ab'"
                    + " && dyn(1) + dyn(2) == 3")
            .rule()
            .orElseThrow()
            .program();
    assertThat(program.eval(Map.of("resource", Map.of(), "settings", Map.of()))).isEqualTo(true);
  }
}
