package io.lcscan.provider.terraform;

import static io.lcscan.provider.terraform.TerraformMapping.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AWS provider resource types. Argument names follow the AWS provider 5.x/6.x documentation; the
 * normalized paths are those of {@code config/types/aws.*.json}.
 */
final class TerraformAwsMappings {
  private static final Pattern TLS_POLICY =
      Pattern.compile("(?:TLS13-1-|TLS-1-|FS-1-|TLSv1\\.)(\\d)");

  private TerraformAwsMappings() {}

  static List<TerraformTypeMapping> all() {
    List<TerraformTypeMapping> all = new ArrayList<>();
    all.add(
        map("aws_accessanalyzer_analyzer", "aws.accessanalyzer.analyzer")
            .text("type", "analyzerType")
            .with((c, out) -> out.name(c.values().text("analyzer_name")))
            .build());
    all.add(
        map("aws_acm_certificate", "aws.acm.certificate")
            .text("domain_name", "domainName")
            .text("status", "status")
            .field("type", "certificateType", TerraformAwsMappings::certificateType)
            .text("not_after", "notAfter")
            .field(
                "renewal_eligibility",
                "renewalEligibility",
                v -> enumText(v, "ELIGIBLE", "INELIGIBLE"))
            .text("key_algorithm", "keyAlgorithm")
            .with((c, out) -> out.name(c.values().text("domain_name")))
            .build());
    all.add(backupPlan());
    all.add(backupVault());
    all.add(cloudfront());
    all.add(
        map("aws_cloudhsm_v2_cluster", "aws.cloudhsm.cluster")
            .text("cluster_state", "state")
            .text("hsm_type", "hsmType")
            .with((c, out) -> out.put("hsmCount", c.companions("aws_cloudhsm_v2_hsm").size()))
            .build());
    all.add(cloudtrail());
    all.add(elasticIp());
    all.add(
        map("aws_ec2_host", "aws.ec2.host")
            .with(
                (c, out) -> {
                  String family = c.values().text("instance_family");
                  out.put(
                      "instanceFamily", family != null ? family : c.values().text("instance_type"));
                })
            .build());
    for (String type : List.of("aws_ami", "aws_ami_copy", "aws_ami_from_instance")) {
      all.add(image(type));
    }
    all.add(instance());
    all.add(securityGroup("aws_security_group"));
    all.add(securityGroup("aws_default_security_group"));
    all.add(snapshot("aws_ebs_snapshot"));
    all.add(snapshot("aws_ebs_snapshot_copy"));
    all.add(volume());
    all.add(peering());
    all.add(vpc("aws_vpc"));
    all.add(vpc("aws_default_vpc"));
    all.add(efs());
    all.add(loadBalancer());
    all.add(
        map("aws_guardduty_detector", "aws.guardduty.detector")
            .bool("enable", "enabled")
            .with(
                (c, out) -> {
                  TerraformListBuilder features = new TerraformListBuilder();
                  for (TerraformPart feature : c.companions("aws_guardduty_detector_feature")) {
                    features.addObject(
                        feature.values(),
                        (v, e) ->
                            e.text(v, "name", "name")
                                .copy(
                                    v,
                                    "status",
                                    "status",
                                    s -> enumText(s, "ENABLED", "DISABLED")));
                  }
                  features.writeTo(out, "features");
                })
            .build());
    all.add(role());
    all.add(user());
    all.add(
        map("aws_inspector2_enabler", "aws.inspector2.account-status")
            .with(
                (c, out) -> {
                  out.put("status", "ENABLED");
                  TerraformPlanValues v = c.values();
                  if (v.isUnknown("resource_types")) {
                    out.unknown("ec2");
                    out.unknown("ecr");
                    out.unknown("lambda");
                    return;
                  }
                  List<String> types = texts(v.get("resource_types"));
                  out.put("ec2", types.contains("EC2") ? "ENABLED" : "DISABLED");
                  out.put("ecr", types.contains("ECR") ? "ENABLED" : "DISABLED");
                  out.put("lambda", types.contains("LAMBDA") ? "ENABLED" : "DISABLED");
                })
            .build());
    all.add(kmsKey("aws_kms_key"));
    all.add(kmsKey("aws_kms_replica_key"));
    all.add(
        map("aws_lambda_function", "aws.lambda.function")
            .text("runtime", "runtime")
            .field("package_type", "packageType", v -> enumText(v, "Zip", "Image"))
            .with((c, out) -> out.name(c.values().text("function_name")))
            .with((c, out) -> kmsKey(c, c.self(), "kms_key_arn", out, true))
            .with(
                (c, out) ->
                    c.companion("aws_lambda_function_url")
                        .ifPresent(
                            url ->
                                TerraformFieldTable.copy(
                                    url.values(),
                                    "authorization_type",
                                    out,
                                    "functionUrlAuthType",
                                    v -> enumText(v, "NONE", "AWS_IAM"))))
            .build());
    all.add(logGroup());
    all.add(
        map("aws_organizations_account", "aws.organizations.account")
            .global()
            .text("name", "name")
            .text("email", "email")
            .text("status", "status")
            .text("state", "state")
            .build());
    all.add(dbInstance());
    all.add(dbSnapshot("aws_db_snapshot"));
    all.add(dbSnapshot("aws_db_snapshot_copy"));
    all.add(hostedZone());
    all.add(s3Bucket());
    all.add(secret());
    all.add(
        map("aws_securityhub_account", "aws.securityhub.hub")
            .with((c, out) -> out.put("enabled", true))
            .build());
    all.add(workspace());
    return all;
  }

  static List<TerraformAggregateMapping> aggregates() {
    return List.of(regionSettings(), iamAccount(), configRecorder());
  }

  // ---------------------------------------------------------------- shared helpers

  static JsonNode enumText(JsonNode value, String... allowed) {
    String text = value.asText();
    for (String candidate : allowed) {
      if (candidate.equalsIgnoreCase(text)) {
        return TextNode.valueOf(candidate);
      }
    }
    return null;
  }

  private static JsonNode certificateType(JsonNode value) {
    return enumText(value, "IMPORTED", "AMAZON_ISSUED", "PRIVATE");
  }

  static List<String> texts(JsonNode list) {
    List<String> out = new ArrayList<>();
    if (list != null && list.isArray()) {
      list.forEach(item -> out.add(item.asText()));
    }
    return out;
  }

  static void allTrue(
      TerraformPlanValues values, TerraformAttributeWriter out, String to, String... flags) {
    boolean all = true;
    for (String flag : flags) {
      if (values.isUnknown(flag)) {
        out.unknown(to);
        return;
      }
      all &= Boolean.TRUE.equals(values.bool(flag));
    }
    out.put(to, all);
  }

  /**
   * Fills {@code encryption.customerManagedKey} / {@code keyId} (and a {@code kmsKey} reference)
   * from a KMS key argument. A key of the plan is customer managed even while its ARN is unknown;
   * an empty argument, or an {@code alias/aws/...} key, is the AWS managed key.
   *
   * @param setMeansCustomerKey the service accepts customer keys only in this argument (Lambda,
   *     CloudTrail, CloudWatch Logs), so a key from outside the plan is a customer key
   */
  static void kmsKey(
      TerraformMappingContext context,
      TerraformPart part,
      String argument,
      TerraformAttributeWriter out,
      boolean setMeansCustomerKey) {
    // an alias of the plan stands for its key
    Optional<TerraformTarget> target =
        context.reference(part, argument).map(context::throughCompanion);
    if (target.isPresent() && target.get().inPlan()) {
      String type = target.get().terraformType();
      if (type.equals("aws_kms_key") || type.equals("aws_kms_replica_key")) {
        out.put("encryption.customerManagedKey", true);
        out.reference("kmsKey", "aws.kms.key", target.get().address().toString());
      } else if (part.values().isUnknown(argument)) {
        out.unknown("encryption.customerManagedKey");
      }
      TerraformFieldTable.copy(
          part.values(), argument, out, "encryption.keyId", TerraformFieldTable::asText);
      return;
    }
    if (part.values().isUnknown(argument)) {
      out.unknown("encryption.keyId");
      out.unknown("encryption.customerManagedKey");
      return;
    }
    String key = part.values().text(argument);
    if (key == null || key.isEmpty()) {
      // unset: the service's AWS managed key
      out.put("encryption.customerManagedKey", false);
      return;
    }
    if (key.startsWith("alias/aws/") || key.contains(":alias/aws/")) {
      out.put("encryption.customerManagedKey", false);
      return;
    }
    if (context.before()) {
      // the state names the key by its ARN or id: a key the plan manages is a customer key
      Optional<TerraformPart> managed = planKey(context, key);
      if (managed.isPresent()) {
        out.put("encryption.keyId", key);
        out.put("encryption.customerManagedKey", true);
        out.reference("kmsKey", "aws.kms.key", managed.get().resource().address().toString());
        return;
      }
    }
    // a key outside the plan: its manager is not known before apply (kms:DescribeKey says it)
    out.put("encryption.keyId", key);
    out.reference("kmsKey", "aws.kms.key", key);
    if (setMeansCustomerKey) {
      out.put("encryption.customerManagedKey", true);
    }
  }

  /**
   * The KMS key of the plan (on the before side) that a key ARN, key id, alias name or alias ARN
   * names; an alias stands for its target key.
   */
  private static Optional<TerraformPart> planKey(TerraformMappingContext context, String key) {
    Optional<TerraformPart> direct = planKeyOnly(context, key);
    if (direct.isPresent()) {
      return direct;
    }
    for (TerraformPart alias : context.planResources("aws_kms_alias")) {
      TerraformPlanValues v = alias.values();
      if (key.equals(v.text("arn")) || key.equals(v.text("name"))) {
        for (String target : new String[] {v.text("target_key_arn"), v.text("target_key_id")}) {
          Optional<TerraformPart> found =
              target == null ? Optional.empty() : planKeyOnly(context, target);
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<TerraformPart> planKeyOnly(TerraformMappingContext context, String key) {
    for (String type : List.of("aws_kms_key", "aws_kms_replica_key")) {
      for (TerraformPart part : context.planResources(type)) {
        TerraformPlanValues v = part.values();
        if (key.equals(v.text("arn")) || key.equals(v.text("key_id")) || key.equals(v.text("id"))) {
          return Optional.of(part);
        }
      }
    }
    return Optional.empty();
  }

  /** {@code encryption.enabled} from a flag, then the key when it is on. */
  static void encrypted(
      TerraformMappingContext context,
      TerraformAttributeWriter out,
      String flag,
      String keyArgument) {
    TerraformPlanValues values = context.values();
    TerraformFieldTable.copy(
        values, flag, out, "encryption.enabled", TerraformFieldTable::asBoolean);
    Boolean on = values.bool(flag);
    if (Boolean.TRUE.equals(on)) {
      kmsKey(context, context.self(), keyArgument, out, false);
    } else if (values.isUnknown(flag)) {
      out.unknown("encryption.customerManagedKey");
    } else if (Boolean.FALSE.equals(on)) {
      // as the live collectors report an unencrypted store: no key, so no customer key
      out.put("encryption.customerManagedKey", false);
    }
  }

  static String region(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    return parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null;
  }

  static String accountOf(String arn) {
    if (arn == null || !arn.startsWith("arn:")) {
      return null;
    }
    String[] parts = arn.split(":", 6);
    return parts.length > 4 && !parts[4].isEmpty() ? parts[4] : null;
  }

  static JsonNode parseJson(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      JsonNode node = TerraformJson.readValue(text);
      return node == null ? MissingNode.getInstance() : node;
    } catch (IOException e) {
      return null;
    }
  }

  static List<JsonNode> each(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node == null || node.isNull() || node.isMissingNode()) {
      return out;
    }
    if (node.isArray()) {
      node.forEach(out::add);
    } else {
      out.add(node);
    }
    return out;
  }

  // an ELB/CloudFront security policy name as the lowest TLS version it accepts
  static String tlsVersionOfPolicy(String policy) {
    if (policy == null || policy.isEmpty()) {
      return null;
    }
    Matcher matcher = TLS_POLICY.matcher(policy);
    if (matcher.find()) {
      return "1." + matcher.group(1);
    }
    if (policy.equals("SSLv3")) {
      return "SSLv3";
    }
    if (policy.equals("TLSv1") || policy.startsWith("TLSv1_")) {
      return "1.0";
    }
    if (policy.matches("ELBSecurityPolicy-(2016-08|2015-05|FS-2018-06)")) {
      return "1.0";
    }
    return null;
  }

  // ---------------------------------------------------------------- backup

  private static TerraformTypeMapping backupPlan() {
    return map("aws_backup_plan", "aws.backup.plan")
        .text("name", "name")
        .with(
            (c, out) -> {
              new TerraformListBuilder()
                  .each(
                      c.values(),
                      "rule",
                      (v, e) -> {
                        e.text(v, "rule_name", "name")
                            .text(v, "target_vault_name", "targetVaultName")
                            .text(v, "schedule", "schedule")
                            .integer(v, "lifecycle.0.delete_after", "deleteAfterDays");
                        TerraformListBuilder copies = new TerraformListBuilder();
                        copies.each(
                            v,
                            "copy_action",
                            (cv, ce) -> {
                              ce.text(cv, "destination_vault_arn", "destinationVaultArn")
                                  .integer(cv, "lifecycle.0.delete_after", "deleteAfterDays");
                              String arn = cv.text("destination_vault_arn");
                              ce.put("region", region(arn)).put("accountId", accountOf(arn));
                            });
                        if (copies.unknown()) {
                          e.markUnknown();
                        } else {
                          e.put("copyActions", copies.items());
                        }
                      })
                  .writeTo(out, "rules");
              out.put("selectionCount", c.companions("aws_backup_selection").size());
            })
        .build();
  }

  private static TerraformTypeMapping backupVault() {
    return map("aws_backup_vault", "aws.backup.vault")
        .with((c, out) -> out.put("encryption.enabled", true))
        .with((c, out) -> kmsKey(c, c.self(), "kms_key_arn", out, false))
        .with(
            (c, out) -> {
              Optional<TerraformPart> lock = c.companion("aws_backup_vault_lock_configuration");
              if (lock.isEmpty()) {
                if (c.creating()) {
                  out.put("locked", false);
                }
                return;
              }
              TerraformPlanValues v = lock.get().values();
              out.put("locked", true);
              TerraformFieldTable.copy(
                  v, "min_retention_days", out, "minRetentionDays", TerraformFieldTable::asInteger);
              TerraformFieldTable.copy(
                  v, "max_retention_days", out, "maxRetentionDays", TerraformFieldTable::asInteger);
              if (v.isUnknown("changeable_for_days")) {
                out.unknown("lockMode");
              } else {
                out.put(
                    "lockMode",
                    v.number("changeable_for_days") != null ? "compliance" : "governance");
              }
            })
        .build();
  }

  // ---------------------------------------------------------------- cloudfront, trail

  private static TerraformTypeMapping cloudfront() {
    return map("aws_cloudfront_distribution", "aws.cloudfront.distribution")
        .global()
        .text("domain_name", "domainName")
        .bool("enabled", "enabled")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              new TerraformListBuilder().strings(v, "aliases").writeTo(out, "aliases");
              TerraformFieldTable.copy(
                  v, "web_acl_id", out, "webAclId", TerraformFieldTable::asText);
              if (v.isUnknown("viewer_certificate")
                  || v.isUnknown("viewer_certificate.0.minimum_protocol_version")
                  || v.isUnknown("viewer_certificate.0.cloudfront_default_certificate")) {
                out.unknown("tls.minimumVersion");
              } else if (Boolean.TRUE.equals(
                  v.bool("viewer_certificate.0.cloudfront_default_certificate"))) {
                out.put("tls.minimumVersion", "1.0");
              } else {
                out.put(
                    "tls.minimumVersion",
                    tlsVersionOfPolicy(v.text("viewer_certificate.0.minimum_protocol_version")));
              }
              boolean unknown = v.isUnknown("default_cache_behavior.0.viewer_protocol_policy");
              boolean https = isHttps(v.text("default_cache_behavior.0.viewer_protocol_policy"));
              for (int i = 0; i < v.size("ordered_cache_behavior"); i++) {
                unknown |= v.isUnknown("ordered_cache_behavior." + i + ".viewer_protocol_policy");
                https &= isHttps(v.text("ordered_cache_behavior." + i + ".viewer_protocol_policy"));
              }
              if (unknown || v.isUnknown("ordered_cache_behavior")) {
                out.unknown("tls.httpsOnly");
              } else {
                out.put("tls.httpsOnly", https);
              }
              new TerraformListBuilder()
                  .each(
                      v,
                      "origin",
                      (o, e) ->
                          e.text(o, "origin_id", "id")
                              .text(o, "domain_name", "domainName")
                              .text(
                                  o,
                                  "custom_origin_config.0.origin_protocol_policy",
                                  "protocolPolicy")
                              .strings(
                                  o, "custom_origin_config.0.origin_ssl_protocols", "sslProtocols"))
                  .writeTo(out, "origins");
              if (v.isUnknown("logging_config")) {
                out.unknown("logging.enabled");
              } else {
                out.put("logging.enabled", v.size("logging_config") > 0);
              }
            })
        .build();
  }

  private static boolean isHttps(String policy) {
    return "https-only".equals(policy) || "redirect-to-https".equals(policy);
  }

  private static TerraformTypeMapping cloudtrail() {
    return map("aws_cloudtrail", "aws.cloudtrail.trail")
        .bool("enable_logging", "isLogging")
        .bool("is_multi_region_trail", "multiRegion")
        .bool("is_organization_trail", "organization")
        .bool("include_global_service_events", "includeGlobalServiceEvents")
        .bool("enable_log_file_validation", "logFileValidation")
        .text("s3_bucket_name", "s3BucketName")
        .text("cloud_watch_logs_group_arn", "cloudWatchLogsLogGroupArn")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("name"));
              if (!v.isUnknown("enable_logging") && v.get("enable_logging") == null) {
                out.put("isLogging", true);
              }
              kmsKey(c, c.self(), "kms_key_id", out, true);
              if (v.isUnknown("event_selector") || v.isUnknown("advanced_event_selector")) {
                out.unknown("dataEvents.s3AllBuckets");
                out.unknown("dataEvents.s3BucketArns");
                return;
              }
              boolean all = false;
              boolean unknown = false;
              List<String> buckets = new ArrayList<>();
              for (int i = 0; i < v.size("event_selector"); i++) {
                TerraformPlanValues selector = v.at("event_selector." + i);
                for (int j = 0; j < selector.size("data_resource"); j++) {
                  TerraformPlanValues resource = selector.at("data_resource." + j);
                  if (!"AWS::S3::Object".equals(resource.text("type"))) {
                    continue;
                  }
                  unknown |= resource.isUnknown("values");
                  for (String value : texts(resource.get("values"))) {
                    if (value.equals("arn:aws:s3") || value.equals("arn:aws:s3:::")) {
                      all = true;
                    } else if (value.startsWith("arn:aws:s3:::")) {
                      String bucket = value.substring("arn:aws:s3:::".length()).split("/", 2)[0];
                      buckets.add("arn:aws:s3:::" + bucket + "/");
                    }
                  }
                }
              }
              for (int i = 0; i < v.size("advanced_event_selector"); i++) {
                TerraformPlanValues selector = v.at("advanced_event_selector." + i);
                boolean s3 = false;
                boolean arnCondition = false;
                for (int j = 0; j < selector.size("field_selector"); j++) {
                  TerraformPlanValues field = selector.at("field_selector." + j);
                  String name = field.text("field");
                  if ("resources.type".equals(name)
                      && texts(field.get("equals")).contains("AWS::S3::Object")) {
                    s3 = true;
                  }
                  if ("resources.ARN".equals(name)) {
                    arnCondition = true;
                    for (String prefix : texts(field.get("starts_with"))) {
                      if (prefix.startsWith("arn:aws:s3:::")
                          && prefix.length() > "arn:aws:s3:::".length()) {
                        buckets.add("arn:aws:s3:::" + prefix.substring(13).split("/", 2)[0] + "/");
                      }
                    }
                  }
                }
                all |= s3 && !arnCondition;
              }
              if (unknown) {
                out.unknown("dataEvents.s3AllBuckets");
                out.unknown("dataEvents.s3BucketArns");
              } else {
                out.put("dataEvents.s3AllBuckets", all);
                TerraformListBuilder arns = new TerraformListBuilder();
                buckets.stream().distinct().forEach(arns::addText);
                arns.writeTo(out, "dataEvents.s3BucketArns");
              }
            })
        .build();
  }

  // ---------------------------------------------------------------- EC2

  private static TerraformTypeMapping elasticIp() {
    return map("aws_eip", "aws.ec2.elastic-ip")
        .text("public_ip", "publicIp")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              List<TerraformPart> associations = c.companions("aws_eip_association");
              if (!associations.isEmpty()) {
                TerraformPlanValues a = associations.get(0).values();
                out.put("attached", true);
                TerraformFieldTable.copy(
                    a, "id", out, "associationId", TerraformFieldTable::asText);
                TerraformFieldTable.copy(
                    a, "instance_id", out, "instanceId", TerraformFieldTable::asText);
                TerraformFieldTable.copy(
                    a,
                    "network_interface_id",
                    out,
                    "networkInterfaceId",
                    TerraformFieldTable::asText);
                return;
              }
              TerraformFieldTable.copy(
                  v, "association_id", out, "associationId", TerraformFieldTable::asText);
              TerraformFieldTable.copy(
                  v, "instance", out, "instanceId", TerraformFieldTable::asText);
              TerraformFieldTable.copy(
                  v, "network_interface", out, "networkInterfaceId", TerraformFieldTable::asText);
              if (isSet(v, "association_id")
                  || isSet(v, "instance")
                  || isSet(v, "network_interface")) {
                out.put("attached", true);
              } else {
                // an address the plan gives to nothing (LC-DISP-07)
                TerraformAzureMappings.attachedFromReferences(c, out, "association_id");
              }
            })
        .build();
  }

  /** A boolean argument the provider defaults to false, when the plan leaves it out. */
  private static void defaultFalse(
      TerraformPlanValues v, String from, TerraformAttributeWriter out, String to) {
    if (!v.isUnknown(from) && v.get(from) == null) {
      out.put(to, false);
    }
  }

  private static boolean isSet(TerraformPlanValues values, String path) {
    String text = values.text(path);
    return text != null && !text.isEmpty();
  }

  private static TerraformTypeMapping image(String type) {
    return map(type, "aws.ec2.image")
        .text("id", "imageId")
        .text("name", "name")
        .text("deprecation_time", "deprecationTime")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              TerraformListBuilder snapshots = new TerraformListBuilder();
              if (v.isUnknown("ebs_block_device")) {
                snapshots.markUnknown();
              }
              for (int i = 0; i < v.size("ebs_block_device"); i++) {
                if (v.isUnknown("ebs_block_device." + i + ".snapshot_id")) {
                  snapshots.markUnknown();
                }
                snapshots.addText(v.text("ebs_block_device." + i + ".snapshot_id"));
              }
              snapshots.writeTo(out, "snapshotIds");
              sharing(c.companions("aws_ami_launch_permission"), out, c.creating(), "group");
            })
        .build();
  }

  // launch or create-volume permissions, as sharing.public / accounts / organizations
  private static void sharing(
      List<TerraformPart> permissions,
      TerraformAttributeWriter out,
      boolean creating,
      String groupArgument) {
    boolean isPublic = false;
    TerraformListBuilder accounts = new TerraformListBuilder();
    TerraformListBuilder organizations = new TerraformListBuilder();
    for (TerraformPart permission : permissions) {
      TerraformPlanValues v = permission.values();
      if (v.isUnknown("account_id") || v.isUnknown(groupArgument)) {
        accounts.markUnknown();
      }
      isPublic |= "all".equals(v.text(groupArgument));
      accounts.addText(v.text("account_id"));
      organizations.addText(v.text("organization_arn"));
      organizations.addText(v.text("organizational_unit_arn"));
    }
    if (permissions.isEmpty() && !creating) {
      // permissions given outside this configuration are not in the plan
      return;
    }
    if (accounts.unknown()) {
      out.unknown("sharing.public");
      out.unknown("sharing.accounts");
      return;
    }
    out.put("sharing.public", isPublic);
    accounts.writeTo(out, "sharing.accounts");
    if (out.has("sharing") && !"create_volume".equals(groupArgument)) {
      organizations.writeTo(out, "sharing.organizations");
    }
  }

  private static TerraformTypeMapping instance() {
    return map("aws_instance", "aws.ec2.instance")
        .text("instance_state", "state")
        .text("instance_type", "instanceType")
        .text("public_ip", "publicIp")
        .text("subnet_id", "subnetId")
        .field(
            "metadata_options.0.http_tokens",
            "metadataOptions.httpTokens",
            v -> enumText(v, "optional", "required"))
        .field(
            "metadata_options.0.http_endpoint",
            "metadataOptions.httpEndpoint",
            v -> enumText(v, "enabled", "disabled"))
        .integer(
            "metadata_options.0.http_put_response_hop_limit",
            "metadataOptions.httpPutResponseHopLimit")
        .text("ami", "image.id")
        .with(
            (c, out) -> {
              new TerraformListBuilder()
                  .strings(c.values(), "vpc_security_group_ids")
                  .writeTo(out, "securityGroupIds");
              Optional<TerraformTarget> subnet = c.reference(c.self(), "subnet_id");
              c.part(subnet.orElse(null))
                  .ifPresent(
                      s ->
                          TerraformFieldTable.copy(
                              s.values(), "vpc_id", out, "vpcId", TerraformFieldTable::asText));
            })
        .build();
  }

  private static TerraformTypeMapping securityGroup(String type) {
    return map(type, "aws.ec2.security-group")
        .text("vpc_id", "vpcId")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              boolean isDefault = type.equals("aws_default_security_group");
              if (isDefault) {
                out.put("groupName", "default");
                out.put("isDefault", true);
              } else {
                TerraformFieldTable.copy(v, "name", out, "groupName", TerraformFieldTable::asText);
                if (v.isUnknown("name")) {
                  out.unknown("isDefault");
                } else {
                  out.put("isDefault", "default".equals(v.text("name")));
                }
              }
              TerraformListBuilder ingress = new TerraformListBuilder();
              ingress.each(v, "ingress", TerraformAwsMappings::inlineRule);
              long egress = v.isUnknown("egress") ? -1 : v.size("egress");
              for (TerraformPart rule : c.companions("aws_security_group_rule")) {
                String direction = rule.values().text("type");
                if ("ingress".equals(direction)) {
                  ingress.addObject(rule.values(), TerraformAwsMappings::inlineRule);
                } else if ("egress".equals(direction) && egress >= 0) {
                  egress++;
                }
              }
              for (TerraformPart rule : c.companions("aws_vpc_security_group_ingress_rule")) {
                ingress.addObject(
                    rule.values(),
                    (r, e) -> {
                      e.text(r, "ip_protocol", "protocol")
                          .integer(r, "from_port", "fromPort")
                          .integer(r, "to_port", "toPort");
                      single(r, "cidr_ipv4", "ipv4Ranges", e);
                      single(r, "cidr_ipv6", "ipv6Ranges", e);
                      single(r, "referenced_security_group_id", "sourceGroupIds", e);
                      single(r, "prefix_list_id", "prefixListIds", e);
                    });
              }
              if (egress >= 0) {
                egress += c.companions("aws_vpc_security_group_egress_rule").size();
                out.put("egressRuleCount", egress);
              } else {
                out.unknown("egressRuleCount");
              }
              ingress.writeTo(out, "ingress");
            })
        .build();
  }

  private static void single(
      TerraformPlanValues values, String from, String to, TerraformListBuilder.Element element) {
    if (values.isUnknown(from)) {
      element.markUnknown();
      return;
    }
    String value = values.text(from);
    element.put(
        to,
        value == null
            ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode()
            : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(value));
  }

  private static void inlineRule(TerraformPlanValues r, TerraformListBuilder.Element e) {
    e.text(r, "protocol", "protocol")
        .integer(r, "from_port", "fromPort")
        .integer(r, "to_port", "toPort")
        .strings(r, "cidr_blocks", "ipv4Ranges")
        .strings(r, "ipv6_cidr_blocks", "ipv6Ranges")
        .strings(r, "prefix_list_ids", "prefixListIds");
    if (r.isUnknown("security_groups") || r.isUnknown("source_security_group_id")) {
      e.markUnknown();
      return;
    }
    List<String> groups = texts(r.get("security_groups"));
    String source = r.text("source_security_group_id");
    if (source != null) {
      groups.add(source);
    }
    var array = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    groups.forEach(array::add);
    e.put("sourceGroupIds", array);
  }

  private static TerraformTypeMapping snapshot(String type) {
    return map(type, "aws.ec2.snapshot")
        .text("id", "snapshotId")
        .text("volume_id", "volumeId")
        .text("description", "description")
        .with(
            (c, out) -> {
              encrypted(c, out, "encrypted", "kms_key_id");
              sharing(
                  c.companions("aws_snapshot_create_volume_permission"),
                  out,
                  c.creating(),
                  "create_volume");
            })
        .build();
  }

  private static TerraformTypeMapping volume() {
    return map("aws_ebs_volume", "aws.ec2.volume")
        .text("id", "volumeId")
        .integer("size", "sizeGiB")
        .text("snapshot_id", "snapshotId")
        .with(
            (c, out) -> {
              encrypted(c, out, "encrypted", "kms_key_id");
              List<TerraformPart> attachments = c.companions("aws_volume_attachment");
              if (!attachments.isEmpty()) {
                out.put("attached", true);
                TerraformListBuilder instances = new TerraformListBuilder();
                for (TerraformPart attachment : attachments) {
                  Optional<TerraformTarget> instance = c.reference(attachment, "instance_id");
                  if (instance.isPresent() && instance.get().inPlan()) {
                    instances.addText(instance.get().address().toString());
                  } else if (attachment.values().isUnknown("instance_id")) {
                    instances.markUnknown();
                  } else {
                    instances.addText(attachment.values().text("instance_id"));
                  }
                }
                instances.writeTo(out, "attachedInstanceIds");
              } else if (c.creating() && !c.before()) {
                // nothing in the plan attaches the new volume
                out.put("attached", false);
                out.put("attachedInstanceIds", new TerraformListBuilder().items());
              }
            })
        .build();
  }

  private static TerraformTypeMapping peering() {
    return map("aws_vpc_peering_connection", "aws.ec2.vpc-peering")
        .text("accept_status", "status")
        .text("vpc_id", "requester.vpcId")
        .text("peer_owner_id", "accepter.ownerId")
        .text("peer_vpc_id", "accepter.vpcId")
        .text("peer_region", "accepter.region")
        .build();
  }

  private static TerraformTypeMapping vpc(String type) {
    return map(type, "aws.ec2.vpc")
        .text("cidr_block", "cidrBlock")
        .with(
            (c, out) -> {
              out.put("isDefault", type.equals("aws_default_vpc"));
              List<TerraformPart> flowLogs = c.companions("aws_flow_log");
              if (!flowLogs.isEmpty()) {
                out.put("flowLogs.enabled", true);
              } else if (c.creating()) {
                out.put("flowLogs.enabled", false);
              }
              TerraformListBuilder subnets = new TerraformListBuilder();
              for (TerraformPart subnet : c.companions("aws_subnet")) {
                subnets.addObject(
                    subnet.values(),
                    (s, e) -> {
                      if (!s.isUnknown("id")) {
                        e.put("id", s.text("id"));
                      }
                      e.bool(s, "map_public_ip_on_launch", "mapPublicIpOnLaunch");
                    });
              }
              if (!c.companions("aws_subnet").isEmpty() || c.creating()) {
                subnets.writeTo(out, "subnets");
              }
            })
        .build();
  }

  private static TerraformTypeMapping efs() {
    return map("aws_efs_file_system", "aws.efs.file-system")
        .text("lifecycle_state", "lifeCycleState")
        .text("creation_time", "createdAt")
        .with(
            (c, out) -> {
              encrypted(c, out, "encrypted", "kms_key_id");
              Optional<TerraformPart> policy = c.companion("aws_efs_backup_policy");
              if (policy.isPresent()) {
                TerraformFieldTable.copy(
                    policy.get().values(),
                    "backup_policy.0.status",
                    out,
                    "backup.enabled",
                    s -> BooleanNode.valueOf("ENABLED".equals(s.asText())));
              } else if (c.creating()) {
                out.put("backup.enabled", false);
              }
              TerraformListBuilder destinations = new TerraformListBuilder();
              for (TerraformPart replication : c.companions("aws_efs_replication_configuration")) {
                destinations.each(
                    replication.values(),
                    "destination",
                    (d, e) ->
                        e.text(d, "region", "region")
                            .put("encrypted", true)
                            .textIfKnown(d, "kms_key_id", "keyId")
                            .textIfKnown(d, "file_system_id", "target"));
              }
              if (!c.companions("aws_efs_replication_configuration").isEmpty() || c.creating()) {
                destinations.writeTo(out, "replication.destinations");
              }
            })
        .build();
  }

  private static TerraformTypeMapping loadBalancer() {
    return map("aws_lb", "aws.elbv2.load-balancer")
        .field("load_balancer_type", "type", v -> enumText(v, "application", "network", "gateway"))
        .field(
            "internal",
            "scheme",
            v -> TextNode.valueOf(v.asBoolean() ? "internal" : "internet-facing"))
        .text("dns_name", "dnsName")
        .bool("enable_deletion_protection", "deletionProtection")
        .bool("access_logs.0.enabled", "logging.enabled")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("name"));
              if (!v.isUnknown("access_logs") && v.size("access_logs") == 0) {
                out.put("logging.enabled", false);
              }
              TerraformListBuilder listeners = new TerraformListBuilder();
              String lowest = null;
              boolean tlsUnknown = false;
              for (TerraformPart listener : c.companions("aws_lb_listener")) {
                TerraformPlanValues l = listener.values();
                String protocol = l.text("protocol");
                String version = tlsVersionOfPolicy(l.text("ssl_policy"));
                if (("HTTPS".equals(protocol) || "TLS".equals(protocol))) {
                  tlsUnknown |= l.isUnknown("ssl_policy");
                  if (version != null && (lowest == null || version.compareTo(lowest) < 0)) {
                    lowest = version;
                  }
                }
                listeners.addObject(
                    l,
                    (lv, e) -> {
                      e.integer(lv, "port", "port")
                          .text(lv, "protocol", "protocol")
                          .text(lv, "ssl_policy", "sslPolicy")
                          .put("minimumTlsVersion", version);
                      boolean redirect = false;
                      for (int i = 0; i < lv.size("default_action"); i++) {
                        TerraformPlanValues action = lv.at("default_action." + i);
                        redirect |=
                            "redirect".equals(action.text("type"))
                                && "HTTPS".equals(action.text("redirect.0.protocol"));
                      }
                      e.put("redirectsToHttps", redirect);
                    });
              }
              listeners.writeTo(out, "listeners");
              if (tlsUnknown) {
                out.unknown("tls.minimumVersion");
              } else if (lowest != null) {
                out.put("tls.minimumVersion", lowest);
              }
              Optional<TerraformPart> waf = c.companion("aws_wafv2_web_acl_association");
              if (waf.isPresent()) {
                TerraformFieldTable.copy(
                    waf.get().values(),
                    "web_acl_arn",
                    out,
                    "webAclArn",
                    TerraformFieldTable::asText);
                if (!out.has("webAclArn")) {
                  out.unknown("webAclArn");
                }
              }
            })
        .build();
  }

  // ---------------------------------------------------------------- IAM

  private static TerraformTypeMapping role() {
    return map("aws_iam_role", "aws.iam.role")
        .global()
        .text("path", "path")
        .integer("max_session_duration", "maxSessionDurationSeconds")
        .text("create_date", "createdAt")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("name"));
              String path = v.text("path");
              if (!v.isUnknown("path")) {
                out.put("serviceLinked", path != null && path.startsWith("/aws-service-role/"));
              }
              if (v.isUnknown("assume_role_policy")) {
                out.unknown("trust.accounts");
                out.unknown("trust.services");
                out.unknown("trust.federated");
              } else {
                trust(parseJson(v.text("assume_role_policy")), out);
              }
              TerraformListBuilder arns = new TerraformListBuilder();
              if (v.get("managed_policy_arns") != null) {
                arns.strings(v, "managed_policy_arns");
              }
              for (TerraformPart attachment : c.companions("aws_iam_role_policy_attachment")) {
                if (attachment.values().isUnknown("policy_arn")) {
                  arns.markUnknown();
                } else {
                  arns.addText(attachment.values().text("policy_arn"));
                }
              }
              arns.writeTo(out, "attachedPolicyArns");
            })
        .build();
  }

  private static void trust(JsonNode policy, TerraformAttributeWriter out) {
    if (policy == null) {
      return;
    }
    TerraformListBuilder accounts = new TerraformListBuilder();
    TerraformListBuilder services = new TerraformListBuilder();
    TerraformListBuilder federated = new TerraformListBuilder();
    for (JsonNode statement : each(policy.get("Statement"))) {
      if (!"Allow".equals(statement.path("Effect").asText())) {
        continue;
      }
      boolean externalId = statement.path("Condition").toString().contains("sts:ExternalId");
      JsonNode principal = statement.get("Principal");
      if (principal != null && principal.isTextual()) {
        accounts.addObject(
            TerraformPlanValues.ABSENT,
            (v, e) ->
                e.put("principal", principal.asText()).put("externalIdCondition", externalId));
        continue;
      }
      for (JsonNode aws : each(principal == null ? null : principal.get("AWS"))) {
        String text = aws.asText();
        String account = text.matches("\\d{12}") ? text : accountOf(text);
        accounts.addObject(
            TerraformPlanValues.ABSENT,
            (v, e) ->
                e.put("principal", text)
                    .put("accountId", account)
                    .put("externalIdCondition", externalId));
      }
      for (JsonNode service : each(principal == null ? null : principal.get("Service"))) {
        services.addText(service.asText());
      }
      for (JsonNode provider : each(principal == null ? null : principal.get("Federated"))) {
        federated.addText(provider.asText());
      }
    }
    accounts.writeTo(out, "trust.accounts");
    services.writeTo(out, "trust.services");
    federated.writeTo(out, "trust.federated");
  }

  private static TerraformTypeMapping user() {
    return map("aws_iam_user", "aws.iam.user")
        .global()
        .with(
            (c, out) -> {
              out.name(c.values().text("name"));
              if (!c.companions("aws_iam_user_login_profile").isEmpty()) {
                out.put("passwordEnabled", true);
              } else if (c.creating()) {
                out.put("passwordEnabled", false);
              }
              TerraformListBuilder keys = new TerraformListBuilder();
              for (TerraformPart key : c.companions("aws_iam_access_key")) {
                keys.addObject(
                    key.values(),
                    (k, e) -> {
                      if (!k.isUnknown("id")) {
                        e.put("id", k.text("id"));
                      }
                      e.copy(k, "status", "status", s -> enumText(s, "Active", "Inactive"))
                          .textIfKnown(k, "create_date", "createdAt");
                      if (k.get("status") == null && !k.isUnknown("status")) {
                        e.put("status", "Active");
                      }
                    });
              }
              boolean known = c.creating() || !c.companions("aws_iam_access_key").isEmpty();
              if (known) {
                keys.writeTo(out, "accessKeys");
              }
              TerraformListBuilder attached = new TerraformListBuilder();
              boolean admin = false;
              for (TerraformPart attachment : c.companions("aws_iam_user_policy_attachment")) {
                if (attachment.values().isUnknown("policy_arn")) {
                  attached.markUnknown();
                }
                String arn = attachment.values().text("policy_arn");
                attached.addText(arn);
                admin |= "arn:aws:iam::aws:policy/AdministratorAccess".equals(arn);
              }
              for (TerraformPart inline : c.companions("aws_iam_user_policy")) {
                admin |= allowsEverything(parseJson(inline.values().text("policy")));
              }
              TerraformListBuilder groups = new TerraformListBuilder();
              for (TerraformPart membership : c.companions("aws_iam_user_group_membership")) {
                groups.strings(membership.values(), "groups");
              }
              if (c.creating() || !c.companions("aws_iam_user_policy_attachment").isEmpty()) {
                attached.writeTo(out, "policies.attachedArns");
              }
              if (c.creating() || !c.companions("aws_iam_user_group_membership").isEmpty()) {
                groups.writeTo(out, "policies.groups");
              }
              if (admin) {
                out.put("policies.fullAdmin", true);
              } else if (c.creating()
                  && c.companions("aws_iam_user_group_membership").isEmpty()
                  && !attached.unknown()) {
                // a new user with no group: only what this plan attaches applies
                out.put("policies.fullAdmin", false);
              }
            })
        .build();
  }

  static boolean allowsEverything(JsonNode policy) {
    if (policy == null) {
      return false;
    }
    for (JsonNode statement : each(policy.get("Statement"))) {
      if (!"Allow".equals(statement.path("Effect").asText())) {
        continue;
      }
      boolean anyAction =
          each(statement.get("Action")).stream().anyMatch(a -> a.asText().equals("*"));
      boolean anyResource =
          each(statement.get("Resource")).stream().anyMatch(r -> r.asText().equals("*"));
      if (anyAction && anyResource) {
        return true;
      }
    }
    return false;
  }

  // ---------------------------------------------------------------- KMS, logs, RDS

  private static TerraformTypeMapping kmsKey(String type) {
    boolean replica = type.equals("aws_kms_replica_key");
    return map(type, "aws.kms.key")
        .text("customer_master_key_spec", "keySpec")
        .text("key_usage", "keyUsage")
        .text("custom_key_store_id", "customKeyStoreId")
        .integer("deletion_window_in_days", "deletion.windowDays")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.put("keyManager", "CUSTOMER");
              if (v.isUnknown("is_enabled") || v.isUnknown("enabled")) {
                out.unknown("state");
              } else {
                Boolean enabled = v.bool(replica ? "enabled" : "is_enabled");
                out.put("state", Boolean.FALSE.equals(enabled) ? "Disabled" : "Enabled");
              }
              if (isSet(v, "custom_key_store_id")) {
                out.put("origin", "AWS_CLOUDHSM");
              } else if (isSet(v, "xks_key_id")) {
                out.put("origin", "EXTERNAL_KEY_STORE");
              } else if (!v.isUnknown("custom_key_store_id")) {
                out.put("origin", "AWS_KMS");
              }
              if (replica) {
                out.put("multiRegion", true);
                out.put("multiRegionKeyType", "REPLICA");
              } else if (v.isUnknown("multi_region")) {
                out.unknown("multiRegion");
              } else {
                boolean multi = Boolean.TRUE.equals(v.bool("multi_region"));
                out.put("multiRegion", multi);
                if (multi) {
                  out.put("multiRegionKeyType", "PRIMARY");
                } else {
                  // multi_region forces a new key, so a single-region key never has replicas
                  out.put("replicaRegions", new TerraformListBuilder().items());
                }
              }
              if (!replica) {
                TerraformFieldTable.copy(
                    v,
                    "enable_key_rotation",
                    out,
                    "rotation.enabled",
                    TerraformFieldTable::asBoolean);
                if (!v.isUnknown("enable_key_rotation") && v.get("enable_key_rotation") == null) {
                  out.put("rotation.enabled", false);
                }
                if (Boolean.TRUE.equals(v.bool("enable_key_rotation"))) {
                  TerraformFieldTable.copy(
                      v,
                      "rotation_period_in_days",
                      out,
                      "rotation.periodDays",
                      TerraformFieldTable::asInteger);
                } else if (v.isUnknown("enable_key_rotation")) {
                  out.unknown("rotation.periodDays");
                }
              }
              if (!c.before()) {
                // the key exists after apply, so it is not pending deletion
                out.put("deletion.pendingDeletion", false);
              }
              TerraformListBuilder aliases = new TerraformListBuilder();
              for (TerraformPart alias : c.companions("aws_kms_alias")) {
                if (alias.values().isUnknown("name")) {
                  aliases.markUnknown();
                }
                aliases.addText(alias.values().text("name"));
              }
              aliases.writeTo(out, "aliases");
              if (!aliases.items().isEmpty()) {
                out.name(aliases.items().get(0).asText());
              }
            })
        .build();
  }

  private static TerraformTypeMapping logGroup() {
    return map("aws_cloudwatch_log_group", "aws.logs.log-group")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("name"));
              if (v.isUnknown("retention_in_days")) {
                out.unknown("logging.retentionDays");
                out.unknown("logging.neverExpire");
              } else {
                Long days = v.number("retention_in_days");
                if (days == null || days == 0) {
                  out.put("logging.neverExpire", true);
                } else {
                  out.put("logging.neverExpire", false);
                  out.put("logging.retentionDays", days);
                }
              }
              // CloudWatch Logs accepts customer keys only
              kmsKey(c, c.self(), "kms_key_id", out, true);
              TerraformListBuilder filters = new TerraformListBuilder();
              for (TerraformPart filter : c.companions("aws_cloudwatch_log_metric_filter")) {
                filters.addObject(
                    filter.values(),
                    (f, e) -> e.text(f, "name", "name").text(f, "pattern", "pattern"));
              }
              filters.writeTo(out, "metricFilters");
            })
        .build();
  }

  private static TerraformTypeMapping dbInstance() {
    return map("aws_db_instance", "aws.rds.instance")
        .text("identifier", "identifier")
        .text("status", "status")
        .text("engine", "engine")
        .text("engine_version", "engineVersion")
        .bool("publicly_accessible", "publicAccess.public")
        .bool("deletion_protection", "deletionProtection")
        .integer("backup_retention_period", "backup.retentionDays")
        .text("ca_cert_identifier", "certificate.caIdentifier")
        .bool("skip_final_snapshot", "skipFinalSnapshot")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("identifier"));
              defaultFalse(v, "skip_final_snapshot", out, "skipFinalSnapshot");
              encrypted(c, out, "storage_encrypted", "kms_key_id");
              if (v.isUnknown("backup_retention_period")) {
                out.unknown("backup.enabled");
              } else if (v.number("backup_retention_period") != null) {
                out.put("backup.enabled", v.number("backup_retention_period") > 0);
              }
              if (!v.isUnknown("publicly_accessible") && v.get("publicly_accessible") == null) {
                out.put("publicAccess.public", false);
              }
              if (!v.isUnknown("deletion_protection") && v.get("deletion_protection") == null) {
                out.put("deletionProtection", false);
              }
              // a new instance has no copies unless the plan creates a read replica of it or
              // replicates its automated backups
              if (c.creating()
                  && c.referencing("aws_db_instance", "replicate_source_db").isEmpty()
                  && c.referencing(
                          "aws_db_instance_automated_backups_replication", "source_db_instance_arn")
                      .isEmpty()) {
                out.put("replication.destinations", new TerraformListBuilder().items());
              }
            })
        .build();
  }

  private static TerraformTypeMapping dbSnapshot(String type) {
    return map(type, "aws.rds.snapshot")
        .text("db_instance_identifier", "dbInstanceIdentifier")
        .text("status", "status")
        .text("snapshot_type", "snapshotType")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              if (!out.has("snapshotType") && !v.isUnknown("snapshot_type")) {
                out.put("snapshotType", "manual");
              }
              encrypted(c, out, "encrypted", "kms_key_id");
              if (type.equals("aws_db_snapshot_copy")
                  && !v.isUnknown("kms_key_id")
                  && isSet(v, "kms_key_id")) {
                out.put("encryption.enabled", true);
                kmsKey(c, c.self(), "kms_key_id", out, false);
              }
              if (v.isUnknown("shared_accounts")) {
                out.unknown("sharing.public");
                out.unknown("sharing.accounts");
                return;
              }
              List<String> shared = texts(v.get("shared_accounts"));
              out.put("sharing.public", shared.contains("all"));
              TerraformListBuilder accounts = new TerraformListBuilder();
              shared.stream().filter(a -> !a.equals("all")).forEach(accounts::addText);
              accounts.writeTo(out, "sharing.accounts");
            })
        .build();
  }

  private static TerraformTypeMapping hostedZone() {
    return map("aws_route53_zone", "aws.route53.hosted-zone")
        .global()
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              String name = v.text("name");
              if (name != null) {
                String normalized = name.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
                out.put("name", normalized);
                out.name(normalized);
              }
              if (v.isUnknown("vpc")) {
                out.unknown("private");
              } else {
                out.put("private", v.size("vpc") > 0);
              }
              TerraformListBuilder records = new TerraformListBuilder();
              for (TerraformPart record : c.companions("aws_route53_record")) {
                records.addObject(
                    record.values(),
                    (r, e) ->
                        e.text(r, "name", "name")
                            .text(r, "type", "type")
                            .strings(r, "records", "values")
                            .text(r, "alias.0.name", "aliasTarget"));
              }
              records.writeTo(out, "records");
            })
        .build();
  }

  // ---------------------------------------------------------------- S3

  private static TerraformTypeMapping s3Bucket() {
    return map("aws_s3_bucket", "aws.s3.bucket")
        .text("bucket", "name")
        .bool("force_destroy", "forceDestroy")
        .with(
            (c, out) -> {
              out.name(c.values().text("bucket"));
              defaultFalse(c.values(), "force_destroy", out, "forceDestroy");
            })
        .with(TerraformAwsMappings::s3Encryption)
        .with(TerraformAwsMappings::s3PublicAccess)
        .with(TerraformAwsMappings::s3Versioning)
        .with(TerraformAwsMappings::s3Lifecycle)
        .with(
            (c, out) -> {
              Optional<TerraformPart> logging = c.companion("aws_s3_bucket_logging");
              TerraformPlanValues v = c.values();
              if (logging.isPresent()) {
                out.put("logging.enabled", true);
                TerraformFieldTable.copy(
                    logging.get().values(),
                    "target_bucket",
                    out,
                    "logging.targetBucket",
                    TerraformFieldTable::asText);
              } else if (v.get("logging.0") != null) {
                out.put("logging.enabled", true);
                TerraformFieldTable.copy(
                    v,
                    "logging.0.target_bucket",
                    out,
                    "logging.targetBucket",
                    TerraformFieldTable::asText);
              } else if (c.creating() || (v.get("logging") != null && v.size("logging") == 0)) {
                out.put("logging.enabled", false);
              }
            })
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              Optional<TerraformPart> lock = c.companion("aws_s3_bucket_object_lock_configuration");
              TerraformFieldTable.copy(
                  v,
                  "object_lock_enabled",
                  out,
                  "objectLock.enabled",
                  TerraformFieldTable::asBoolean);
              if (lock.isPresent()) {
                TerraformPlanValues l = lock.get().values();
                out.put("objectLock.enabled", true);
                String prefix = "rule.0.default_retention.0.";
                TerraformFieldTable.copy(
                    l,
                    prefix + "mode",
                    out,
                    "objectLock.mode",
                    m -> enumText(m, "GOVERNANCE", "COMPLIANCE"));
                if (l.isUnknown(prefix + "days") || l.isUnknown(prefix + "years")) {
                  out.unknown("objectLock.retentionDays");
                } else if (l.number(prefix + "days") != null) {
                  out.put("objectLock.retentionDays", l.number(prefix + "days"));
                } else if (l.number(prefix + "years") != null) {
                  out.put("objectLock.retentionDays", l.number(prefix + "years") * 365);
                }
              }
            })
        .with(TerraformAwsMappings::s3Replication)
        .with(
            (c, out) -> {
              Optional<TerraformPart> policy = c.companion("aws_s3_bucket_policy");
              TerraformPlanValues source = policy.map(TerraformPart::values).orElse(c.values());
              if (source.isUnknown("policy")) {
                out.unknown("tls.httpsOnly");
                return;
              }
              String text = source.text("policy");
              if (text == null || text.isEmpty()) {
                if (c.creating() && policy.isEmpty()) {
                  out.put("tls.httpsOnly", false);
                }
                return;
              }
              out.put("tls.httpsOnly", deniesInsecureTransport(parseJson(text)));
            })
        .build();
  }

  static boolean deniesInsecureTransport(JsonNode policy) {
    if (policy == null) {
      return false;
    }
    for (JsonNode statement : each(policy.get("Statement"))) {
      if (!"Deny".equals(statement.path("Effect").asText())) {
        continue;
      }
      JsonNode principal = statement.get("Principal");
      boolean everyone =
          principal != null
              && (principal.asText().equals("*") || principal.path("AWS").asText().equals("*"));
      boolean actions =
          each(statement.get("Action")).stream()
              .anyMatch(a -> a.asText().equals("s3:*") || a.asText().equals("*"));
      JsonNode secure = statement.path("Condition").path("Bool").get("aws:SecureTransport");
      boolean insecure =
          secure != null && each(secure).stream().anyMatch(s -> s.asText().equals("false"));
      if (everyone && actions && insecure) {
        return true;
      }
    }
    return false;
  }

  private static void s3Encryption(TerraformMappingContext context, TerraformAttributeWriter out) {
    Optional<TerraformPart> sse =
        context.companion("aws_s3_bucket_server_side_encryption_configuration");
    String prefix = "rule.0.apply_server_side_encryption_by_default.0.";
    TerraformPart part;
    if (sse.isPresent()) {
      part = sse.get();
    } else if (context.values().get("server_side_encryption_configuration.0.rule.0") != null) {
      part = context.self();
      prefix = "server_side_encryption_configuration.0." + prefix;
    } else {
      // S3 encrypts every bucket (SSE-S3) since January 2023, and it cannot be turned off
      out.put("encryption.enabled", true);
      out.put("encryption.algorithm", "AES256");
      out.put("encryption.customerManagedKey", false);
      return;
    }
    TerraformPlanValues values = part.values();
    out.put("encryption.enabled", true);
    String rule =
        prefix.substring(
            0, prefix.length() - "apply_server_side_encryption_by_default.0.".length());
    TerraformFieldTable.copy(
        values,
        rule + "bucket_key_enabled",
        out,
        "encryption.bucketKeyEnabled",
        TerraformFieldTable::asBoolean);
    TerraformFieldTable.copy(
        values, prefix + "sse_algorithm", out, "encryption.algorithm", TerraformFieldTable::asText);
    String algorithm = values.text(prefix + "sse_algorithm");
    if (algorithm != null && !algorithm.startsWith("aws:kms")) {
      out.put("encryption.customerManagedKey", false);
      return;
    }
    if (values.isUnknown(prefix + "sse_algorithm")) {
      out.unknown("encryption.customerManagedKey");
      return;
    }
    kmsKey(context, part, prefix + "kms_master_key_id", out, false);
  }

  private static void s3PublicAccess(
      TerraformMappingContext context, TerraformAttributeWriter out) {
    String[] flags = {
      "block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets"
    };
    String[] names = {
      "blockPublicAcls", "ignorePublicAcls", "blockPublicPolicy", "restrictPublicBuckets"
    };
    Optional<TerraformPart> bucket = context.companion("aws_s3_bucket_public_access_block");
    List<TerraformPart> accounts = context.planResources("aws_s3_account_public_access_block");
    TerraformPlanValues account = accounts.size() == 1 ? accounts.get(0).values() : null;
    // S3 turns on all four settings for every bucket created since April 2023
    boolean bucketDefaults = bucket.isEmpty() && context.creating() && !context.before();
    boolean unknown = false;
    boolean allOn = true;
    for (int i = 0; i < flags.length; i++) {
      boolean on = bucketDefaults;
      if (bucket.isPresent()) {
        TerraformPlanValues b = bucket.get().values();
        TerraformFieldTable.copy(
            b,
            flags[i],
            out,
            "publicAccess.bucketLevel." + names[i],
            TerraformFieldTable::asBoolean);
        unknown |= b.isUnknown(flags[i]);
        on |= Boolean.TRUE.equals(b.bool(flags[i]));
      } else if (bucketDefaults) {
        out.put("publicAccess.bucketLevel." + names[i], true);
      }
      if (account != null) {
        TerraformFieldTable.copy(
            account,
            flags[i],
            out,
            "publicAccess.accountLevel." + names[i],
            TerraformFieldTable::asBoolean);
        unknown |= account.isUnknown(flags[i]);
        on |= Boolean.TRUE.equals(account.bool(flags[i]));
      }
      allOn &= on;
    }
    if (unknown) {
      out.unknown("publicAccess.blocked");
    } else if (allOn) {
      out.put("publicAccess.blocked", true);
    } else if ((bucket.isPresent() || bucketDefaults) && account != null) {
      out.put("publicAccess.blocked", false);
    }
    // otherwise a level outside the plan may close what this one leaves open: left absent
  }

  private static void s3Versioning(TerraformMappingContext context, TerraformAttributeWriter out) {
    Optional<TerraformPart> versioning = context.companion("aws_s3_bucket_versioning");
    if (versioning.isPresent()) {
      TerraformPlanValues v = versioning.get().values();
      TerraformFieldTable.copy(
          v,
          "versioning_configuration.0.status",
          out,
          "versioning.enabled",
          s -> BooleanNode.valueOf("Enabled".equals(s.asText())));
      TerraformFieldTable.copy(
          v,
          "versioning_configuration.0.mfa_delete",
          out,
          "versioning.mfaDelete",
          s -> BooleanNode.valueOf("Enabled".equals(s.asText())));
      return;
    }
    TerraformPlanValues v = context.values();
    if (v.get("versioning.0") != null) {
      TerraformFieldTable.copy(
          v, "versioning.0.enabled", out, "versioning.enabled", TerraformFieldTable::asBoolean);
      TerraformFieldTable.copy(
          v,
          "versioning.0.mfa_delete",
          out,
          "versioning.mfaDelete",
          TerraformFieldTable::asBoolean);
    } else if (context.creating()) {
      out.put("versioning.enabled", false);
    }
  }

  private static void s3Lifecycle(TerraformMappingContext context, TerraformAttributeWriter out) {
    Optional<TerraformPart> lifecycle = context.companion("aws_s3_bucket_lifecycle_configuration");
    if (lifecycle.isEmpty()) {
      if (context.creating()) {
        out.put("lifecycle.configured", false);
      }
      return;
    }
    TerraformPlanValues v = lifecycle.get().values();
    if (v.isUnknown("rule")) {
      out.unknown("lifecycle.configured");
      return;
    }
    boolean configured = false;
    Long expiration = null;
    Long noncurrent = null;
    Long abort = null;
    for (int i = 0; i < v.size("rule"); i++) {
      TerraformPlanValues rule = v.at("rule." + i);
      if (!"Enabled".equals(rule.text("status"))) {
        continue;
      }
      configured = true;
      expiration = min(expiration, rule.number("expiration.0.days"));
      noncurrent = min(noncurrent, rule.number("noncurrent_version_expiration.0.noncurrent_days"));
      abort = min(abort, rule.number("abort_incomplete_multipart_upload.0.days_after_initiation"));
    }
    out.put("lifecycle.configured", configured);
    if (expiration != null) {
      out.put("lifecycle.expirationDays", expiration);
    }
    if (noncurrent != null) {
      out.put("lifecycle.noncurrentExpirationDays", noncurrent);
    }
    if (abort != null) {
      out.put("lifecycle.abortIncompleteUploadDays", abort);
    }
  }

  static Long min(Long current, Long candidate) {
    if (candidate == null) {
      return current;
    }
    return current == null ? candidate : Math.min(current, candidate);
  }

  private static void s3Replication(TerraformMappingContext context, TerraformAttributeWriter out) {
    Optional<TerraformPart> replication =
        context.companion("aws_s3_bucket_replication_configuration");
    if (replication.isEmpty()) {
      if (context.creating()) {
        out.put("replication.destinations", new TerraformListBuilder().items());
      }
      return;
    }
    TerraformListBuilder destinations = new TerraformListBuilder();
    TerraformPart part = replication.get();
    TerraformPlanValues v = part.values();
    if (v.isUnknown("rule")) {
      destinations.markUnknown();
    }
    for (int i = 0; i < v.size("rule"); i++) {
      TerraformPlanValues rule = v.at("rule." + i);
      if (!"Enabled".equals(rule.text("status"))) {
        continue;
      }
      String base = "rule." + i + ".destination.0.";
      Optional<TerraformTarget> target = context.reference(part, base + "bucket");
      Optional<TerraformPart> targetBucket = context.part(target.orElse(null));
      String keyPath = "encryption_configuration.0.replica_kms_key_id";
      destinations.addObject(
          rule.at("destination.0"),
          (d, e) -> {
            e.text(d, "account", "accountId");
            if (targetBucket.isPresent()) {
              e.put("target", target.get().address().toString());
            } else {
              e.text(d, "bucket", "target");
            }
            String arn = d.text("bucket");
            String region = region(arn);
            if (targetBucket.isPresent()) {
              // the destination bucket's region, when it is a bucket of the plan
              region = targetBucket.get().values().text("region");
            }
            e.put("region", region);
            if (d.isUnknown(keyPath)) {
              e.markUnknown();
            } else {
              String key = d.text(keyPath);
              e.put("encrypted", key != null && !key.isEmpty());
              e.put("keyId", key);
            }
          });
    }
    destinations.writeTo(out, "replication.destinations");
  }

  // ---------------------------------------------------------------- secrets, workspaces

  private static TerraformTypeMapping secret() {
    return map("aws_secretsmanager_secret", "aws.secretsmanager.secret")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              out.name(v.text("name"));
              Optional<TerraformPart> rotation = c.companion("aws_secretsmanager_secret_rotation");
              if (rotation.isPresent()) {
                out.put("rotation.enabled", true);
                TerraformFieldTable.copy(
                    rotation.get().values(),
                    "rotation_rules.0.automatically_after_days",
                    out,
                    "rotation.periodDays",
                    TerraformFieldTable::asInteger);
              } else if (c.creating()) {
                out.put("rotation.enabled", false);
              }
              kmsKey(c, c.self(), "kms_key_id", out, false);
              new TerraformListBuilder()
                  .each(
                      v,
                      "replica",
                      (r, e) -> {
                        e.text(r, "region", "region")
                            .put("encrypted", true)
                            .textIfKnown(r, "kms_key_id", "keyId");
                      })
                  .writeTo(out, "replication.destinations");
            })
        .build();
  }

  private static TerraformTypeMapping workspace() {
    return map("aws_workspaces_workspace", "aws.workspaces.workspace")
        .text("state", "state")
        .text("user_name", "userName")
        .text("directory_id", "directoryId")
        .bool("root_volume_encryption_enabled", "rootVolumeEncryption")
        .bool("user_volume_encryption_enabled", "userVolumeEncryption")
        .with(
            (c, out) -> {
              TerraformPlanValues v = c.values();
              boolean encrypted =
                  Boolean.TRUE.equals(v.bool("root_volume_encryption_enabled"))
                      || Boolean.TRUE.equals(v.bool("user_volume_encryption_enabled"));
              if (encrypted) {
                kmsKey(c, c.self(), "volume_encryption_key", out, false);
              }
              Optional<TerraformPart> directory =
                  c.part(c.reference(c.self(), "directory_id").orElse(null));
              if (directory.isEmpty()) {
                return;
              }
              TerraformPlanValues d = directory.get().values();
              new TerraformListBuilder()
                  .strings(d, "ip_group_ids")
                  .writeTo(out, "directory.ipGroupIds");
              String prefix = "workspace_access_properties.0.device_type_";
              String[][] devices = {
                {"windows", "windows"},
                {"osx", "osx"},
                {"web", "web"},
                {"ios", "ios"},
                {"android", "android"},
                {"chromeos", "chromeOs"},
                {"zeroclient", "zeroClient"},
                {"linux", "linux"}
              };
              for (String[] device : devices) {
                TerraformFieldTable.copy(
                    d,
                    prefix + device[0],
                    out,
                    "directory.deviceAccess." + device[1],
                    TerraformFieldTable::asText);
              }
            })
        .build();
  }

  // ---------------------------------------------------------------- aggregates

  private static TerraformAggregateMapping regionSettings() {
    return new TerraformAggregateMapping(
        "aws.ec2.region-settings",
        Set.of(
            "aws_ebs_encryption_by_default",
            "aws_ebs_default_kms_key",
            "aws_ebs_snapshot_block_public_access",
            "aws_ec2_image_block_public_access"),
        true,
        (part, settings) -> settings.account(),
        null,
        (account, region) -> "aws:ec2:" + region + ":" + account + ":region-settings",
        (c, out) -> {
          for (TerraformPart part : c.companions("aws_ebs_encryption_by_default")) {
            TerraformFieldTable.copy(
                part.values(),
                "enabled",
                out,
                "ebsEncryptionByDefault",
                TerraformFieldTable::asBoolean);
            if (!part.values().isUnknown("enabled") && part.values().get("enabled") == null) {
              out.put("ebsEncryptionByDefault", true);
            }
          }
          for (TerraformPart part : c.companions("aws_ebs_default_kms_key")) {
            Optional<TerraformTarget> key = c.reference(part, "key_arn");
            if (key.isPresent() && key.get().inPlan()) {
              out.reference("kmsKey", "aws.kms.key", key.get().address().toString());
            }
            TerraformFieldTable.copy(
                part.values(), "key_arn", out, "ebsDefaultKmsKeyId", TerraformFieldTable::asText);
          }
          for (TerraformPart part : c.companions("aws_ebs_snapshot_block_public_access")) {
            TerraformFieldTable.copy(
                part.values(),
                "state",
                out,
                "snapshotBlockPublicAccess",
                v -> enumText(v, "block-all-sharing", "block-new-sharing", "unblocked"));
          }
          for (TerraformPart part : c.companions("aws_ec2_image_block_public_access")) {
            TerraformFieldTable.copy(
                part.values(),
                "state",
                out,
                "imageBlockPublicAccess",
                v -> enumText(v, "block-new-sharing", "unblocked"));
          }
        });
  }

  private static TerraformAggregateMapping iamAccount() {
    return new TerraformAggregateMapping(
        "aws.iam.account",
        Set.of(
            "aws_iam_account_password_policy",
            "aws_account_alternate_contact",
            "aws_ssoadmin_permission_set"),
        false,
        (part, settings) -> {
          String account = part.values().text("account_id");
          return account != null ? account : settings.account();
        },
        null,
        (account, region) -> "arn:aws:iam::" + account + ":root",
        (c, out) -> {
          for (TerraformPart part : c.companions("aws_iam_account_password_policy")) {
            TerraformPlanValues v = part.values();
            out.put("passwordPolicy.exists", true);
            TerraformFieldTable.copy(
                v,
                "minimum_password_length",
                out,
                "passwordPolicy.minimumLength",
                TerraformFieldTable::asInteger);
            TerraformFieldTable.copy(
                v,
                "require_uppercase_characters",
                out,
                "passwordPolicy.requireUppercase",
                TerraformFieldTable::asBoolean);
            TerraformFieldTable.copy(
                v,
                "require_lowercase_characters",
                out,
                "passwordPolicy.requireLowercase",
                TerraformFieldTable::asBoolean);
            TerraformFieldTable.copy(
                v,
                "require_numbers",
                out,
                "passwordPolicy.requireNumbers",
                TerraformFieldTable::asBoolean);
            TerraformFieldTable.copy(
                v,
                "require_symbols",
                out,
                "passwordPolicy.requireSymbols",
                TerraformFieldTable::asBoolean);
            TerraformFieldTable.copy(
                v,
                "password_reuse_prevention",
                out,
                "passwordPolicy.reusePrevention",
                TerraformFieldTable::asInteger);
            TerraformFieldTable.copy(
                v,
                "max_password_age",
                out,
                "passwordPolicy.maxAgeDays",
                TerraformFieldTable::asInteger);
          }
          for (TerraformPart part : c.companions("aws_account_alternate_contact")) {
            TerraformPlanValues v = part.values();
            if ("SECURITY".equals(v.text("alternate_contact_type"))) {
              out.put("securityContact.registered", true);
              TerraformFieldTable.copy(
                  v,
                  "email_address",
                  out,
                  "securityContact.emailAddress",
                  TerraformFieldTable::asText);
            }
          }
          for (TerraformPart part : c.companions("aws_ssoadmin_permission_set")) {
            out.put("identityCenter.enabled", true);
            TerraformFieldTable.copy(
                part.values(),
                "instance_arn",
                out,
                "identityCenter.instanceArn",
                TerraformFieldTable::asText);
          }
        });
  }

  private static TerraformAggregateMapping configRecorder() {
    return new TerraformAggregateMapping(
        "aws.config.recorder",
        Set.of(
            "aws_config_configuration_recorder",
            "aws_config_configuration_recorder_status",
            "aws_config_delivery_channel"),
        true,
        (part, settings) -> settings.account(),
        null,
        (account, region) -> "aws:config:" + region + ":" + account + ":recorder",
        (c, out) -> {
          List<TerraformPart> recorders = c.companions("aws_config_configuration_recorder");
          out.put("exists", !recorders.isEmpty());
          for (TerraformPart recorder : recorders) {
            out.name(recorder.values().text("name"));
            TerraformFieldTable.copy(
                recorder.values(),
                "recording_group.0.all_supported",
                out,
                "allSupported",
                TerraformFieldTable::asBoolean);
            TerraformFieldTable.copy(
                recorder.values(),
                "recording_group.0.include_global_resource_types",
                out,
                "includeGlobalResourceTypes",
                TerraformFieldTable::asBoolean);
          }
          List<TerraformPart> statuses = c.companions("aws_config_configuration_recorder_status");
          for (TerraformPart status : statuses) {
            TerraformFieldTable.copy(
                status.values(), "is_enabled", out, "recording", TerraformFieldTable::asBoolean);
          }
          if (recorders.isEmpty() || statuses.isEmpty()) {
            // a recorder without a status resource is created stopped
            out.put("recording", false);
          }
          List<TerraformPart> channels = c.companions("aws_config_delivery_channel");
          out.put("deliveryChannel.exists", !channels.isEmpty());
          for (TerraformPart channel : channels) {
            TerraformFieldTable.copy(
                channel.values(),
                "s3_bucket_name",
                out,
                "deliveryChannel.s3BucketName",
                TerraformFieldTable::asText);
          }
        });
  }
}
