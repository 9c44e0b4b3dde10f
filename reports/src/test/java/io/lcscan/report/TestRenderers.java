package io.lcscan.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import io.lcscan.report.json.JsonRenderer;
import io.lcscan.report.table.TableRenderer;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TestRenderers {

  @Test
  void moduleBindsOneRendererPerFormat() {
    Renderers renderers = Guice.createInjector(new ReportModule()).getInstance(Renderers.class);

    assertThat(renderers.formats())
        .containsExactly("csv", "html", "json", "junit", "sarif", "table");
    assertThat(renderers.get("json")).isInstanceOf(JsonRenderer.class);
    assertThat(renderers.get("table")).isInstanceOf(TableRenderer.class);
  }

  @Test
  void unknownFormatNamesTheKnownOnes() {
    Renderers renderers = new Renderers(Set.of(new JsonRenderer()));

    assertThatThrownBy(() -> renderers.get("csv"))
        .isInstanceOf(ReportException.class)
        .hasMessage("unknown format 'csv' (known: json)");
  }

  @Test
  void twoRenderersForOneFormatAreRefused() {
    assertThatThrownBy(() -> new Renderers(Set.of(new JsonRenderer(), new JsonRenderer())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("two renderers for format json");
  }
}
