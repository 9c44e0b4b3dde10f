package io.lcscan.report;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.Multibinder;
import io.lcscan.report.csv.CsvRenderer;
import io.lcscan.report.html.HtmlRenderer;
import io.lcscan.report.json.JsonRenderer;
import io.lcscan.report.junit.JUnitRenderer;
import io.lcscan.report.sarif.SarifRenderer;
import io.lcscan.report.table.TableRenderer;

/** Binds every renderer. A new format is one class and one line here. */
public final class ReportModule extends AbstractModule {

  @Override
  protected void configure() {
    Multibinder<Renderer> renderers = Multibinder.newSetBinder(binder(), Renderer.class);
    renderers.addBinding().to(JsonRenderer.class);
    renderers.addBinding().to(TableRenderer.class);
    renderers.addBinding().to(HtmlRenderer.class);
    renderers.addBinding().to(CsvRenderer.class);
    renderers.addBinding().to(SarifRenderer.class);
    renderers.addBinding().to(JUnitRenderer.class);
  }
}
