package io.lcscan.provider.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestTerraformAddress {

  @Test
  void parsesModulesKeysAndData() {
    TerraformAddress address =
        TerraformAddress.parse("module.net[\"a.b\"].module.sub[2].aws_subnet.private[\"x\\\"y\"]")
            .orElseThrow();
    assertThat(address.modules())
        .extracting(TerraformAddress.ModuleStep::name)
        .containsExactly("net", "sub");
    assertThat(address.modules().get(0).key()).isEqualTo("a.b");
    assertThat(address.modules().get(1).key()).isEqualTo(2L);
    assertThat(address.type()).isEqualTo("aws_subnet");
    assertThat(address.key()).isEqualTo("x\"y");
    assertThat(address.modulePath()).isEqualTo("module.net.module.sub");
    assertThat(address.moduleInstance()).isEqualTo("module.net[\"a.b\"].module.sub[2]");
    assertThat(address.toString())
        .isEqualTo("module.net[\"a.b\"].module.sub[2].aws_subnet.private[\"x\\\"y\"]");

    TerraformAddress data = TerraformAddress.parse("data.aws_caller_identity.me").orElseThrow();
    assertThat(data.data()).isTrue();
    assertThat(data.localResource()).isEqualTo("data.aws_caller_identity.me");
  }

  @Test
  void rejectsWhatIsNotAnAddress() {
    assertThat(TerraformAddress.parse("module.only")).isEmpty();
    assertThat(TerraformAddress.parse("aws_s3_bucket")).isEmpty();
    assertThat(TerraformAddress.parse("aws_s3_bucket.b.id")).isEmpty();
  }
}
