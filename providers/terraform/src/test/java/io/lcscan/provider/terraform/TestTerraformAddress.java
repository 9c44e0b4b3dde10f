package io.lcscan.provider.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
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

  @Test
  void equalsAndHashCodeFollowEveryPart() {
    String text = "module.net[\"a\"].module.sub[2].aws_subnet.private[0]";
    TerraformAddress one = TerraformAddress.parse(text).orElseThrow();
    TerraformAddress two = TerraformAddress.parse(text).orElseThrow();
    assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    // the hash a record computes from its parts, so maps keyed by addresses keep their order
    int hash = one.modules().hashCode();
    hash = hash * 31 + Boolean.hashCode(one.data());
    hash = hash * 31 + one.type().hashCode();
    hash = hash * 31 + one.name().hashCode();
    hash = hash * 31 + one.key().hashCode();
    assertThat(one.hashCode()).isEqualTo(hash);
    TerraformAddress.ModuleStep step = one.modules().get(0);
    assertThat(step.hashCode()).isEqualTo("net".hashCode() * 31 + "a".hashCode());
    for (String other :
        List.of(
            "module.net[\"b\"].module.sub[2].aws_subnet.private[0]",
            "module.net[\"a\"].module.sub[3].aws_subnet.private[0]",
            "module.net[\"a\"].module.sub[2].aws_subnet.private[1]",
            "module.net[\"a\"].module.sub[2].aws_subnet.public[0]",
            "module.net[\"a\"].module.sub[2].aws_vpc.private[0]",
            "module.net[\"a\"].module.sub[2].data.aws_subnet.private[0]",
            "module.net[\"a\"].module.sub[2].aws_subnet.private",
            "module.sub[2].aws_subnet.private[0]")) {
      assertThat(TerraformAddress.parse(other).orElseThrow()).as(other).isNotEqualTo(one);
    }
    assertThat(one.withKey(0L)).isEqualTo(one);
    assertThat(one.withKey("0")).isNotEqualTo(one);
    assertThat(one).isNotEqualTo(text);
  }
}
