package io.lcscan.benchmarks;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AWS organization generated in memory and answered in each service's wire protocol (EC2 and
 * Query XML, JSON 1.1, REST-JSON, REST-XML). Accounts are told apart by the access key in the SigV4
 * credential scope (the management account's own key, or the key AssumeRole handed out for a
 * member), regions by the scope's region. Services it does not populate answer a valid empty
 * listing, so every call of a scan succeeds.
 */
public final class FakeAwsOrganization {
  /** Regions handed out in this order; the first is the home region. */
  public static final List<String> REGION_NAMES =
      List.of(
          "us-east-1",
          "eu-west-1",
          "ap-northeast-1",
          "us-west-2",
          "eu-central-1",
          "ap-southeast-2",
          "ca-central-1",
          "sa-east-1");

  public static final String ROLE_NAME = "OrganizationAccountAccessRole";
  private static final String CREATED = "2024-03-01T09:30:00.000Z";
  private static final long CREATED_EPOCH = Instant.parse(CREATED).getEpochSecond();
  private static final Pattern CREDENTIAL =
      Pattern.compile("Credential=([A-Z0-9]{20})/\\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request");
  private static final Pattern ROLE_ACCOUNT = Pattern.compile("arn:aws:iam::(\\d{12}):role/");

  /**
   * What one account and region holds, in thousandths of {@code resourcesPerRegion}; the global
   * kinds (buckets, users, roles) are counted per region too and belong to the account.
   */
  public enum Kind {
    VOLUME("aws.ec2.volume", 250),
    SNAPSHOT("aws.ec2.snapshot", 150),
    INSTANCE("aws.ec2.instance", 100),
    SECURITY_GROUP("aws.ec2.security-group", 150),
    LOG_GROUP("aws.logs.log-group", 200),
    KMS_KEY("aws.kms.key", 50),
    LAMBDA_FUNCTION("aws.lambda.function", 50),
    RDS_INSTANCE("aws.rds.instance", 25),
    S3_BUCKET("aws.s3.bucket", 40),
    IAM_USER("aws.iam.user", 10),
    IAM_ROLE("aws.iam.role", 15);

    private final String type;
    private final int permille;

    Kind(String type, int permille) {
      this.type = type;
      this.permille = permille;
    }

    public String type() {
      return type;
    }
  }

  private final int accounts;
  private final int regions;
  private final int resourcesPerRegion;
  private final List<String> accountIds = new ArrayList<>();
  private final Map<String, Integer> accountIndex = new LinkedHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final Set<String> emptyAnswers = ConcurrentHashMap.newKeySet();

  public FakeAwsOrganization(int accounts, int regions, int resourcesPerRegion) {
    if (accounts < 1 || regions < 1 || regions > REGION_NAMES.size() || resourcesPerRegion < 1) {
      throw new IllegalArgumentException(
          "need accounts >= 1, 1 <= regions <= "
              + REGION_NAMES.size()
              + ", resourcesPerRegion >= 1");
    }
    this.accounts = accounts;
    this.regions = regions;
    this.resourcesPerRegion = resourcesPerRegion;
    for (int i = 0; i < accounts; i++) {
      String id = String.format("%012d", 210_000_000_000L + 1_001L * i);
      accountIds.add(id);
      accountIndex.put(id, i);
    }
  }

  public String managementAccount() {
    return accountIds.get(0);
  }

  /** The management account's own key, which the scan starts from. */
  public String managementAccessKey() {
    return "AKIA" + managementAccount() + "BASE";
  }

  public List<String> regions() {
    return REGION_NAMES.subList(0, regions);
  }

  /** Items of a kind in one account and region (at least one of each kind). */
  public int count(Kind kind) {
    return Math.max(1, resourcesPerRegion * kind.permille / 1000);
  }

  /** Resources a complete scan must find, by type. */
  public Map<String, Long> expectedResources() {
    Map<String, Long> expected = new TreeMap<>();
    long places = (long) accounts * regions;
    for (Kind kind : Kind.values()) {
      expected.put(kind.type, places * count(kind));
    }
    // the management account reports every account of the organization
    expected.put("aws.organizations.account", (long) accounts);
    // one settings record per account and region, one IAM account summary per account
    expected.put("aws.ec2.region-settings", places);
    // the regional security services report their (empty) state once per account and region
    expected.put("aws.config.recorder", places);
    expected.put("aws.guardduty.detector", places);
    expected.put("aws.securityhub.hub", places);
    expected.put("aws.iam.account", (long) accounts);
    return expected;
  }

  public long expectedTotal() {
    return expectedResources().values().stream().mapToLong(Long::longValue).sum();
  }

  private final java.util.concurrent.atomic.AtomicInteger inFlight =
      new java.util.concurrent.atomic.AtomicInteger();

  void arrived() {
    inFlight.incrementAndGet();
  }

  void completed() {
    inFlight.decrementAndGet();
  }

  /** Requests received and not yet fully answered. */
  public int inFlight() {
    return inFlight.get();
  }

  /** HTTP requests answered so far. */
  public long requests() {
    return requests.get();
  }

  /** Operations that got the generic empty answer, as {@code service protocol operation}. */
  public Set<String> emptyAnswers() {
    return Set.copyOf(emptyAnswers);
  }

  /** One HTTP request as the fake sees it. */
  public record Call(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      String body) {
    String header(String name) {
      for (Map.Entry<String, String> entry : headers.entrySet()) {
        if (entry.getKey().equalsIgnoreCase(name)) {
          return entry.getValue();
        }
      }
      return null;
    }
  }

  /** The answer to one request. */
  public record Answer(int status, String contentType, String body) {
    static Answer xml(String body) {
      return new Answer(200, "text/xml", body);
    }

    static Answer json(String contentType, String body) {
      return new Answer(200, contentType, body);
    }
  }

  /** Where a request is signed for: the account (by key), the region and the signing service. */
  private record Place(int account, String accountId, String region, int regionIndex) {}

  public Answer answer(Call call) {
    requests.incrementAndGet();
    String authorization = call.header("Authorization");
    Matcher credential = authorization == null ? null : CREDENTIAL.matcher(authorization);
    if (credential == null || !credential.find()) {
      return error(403, "MissingAuthenticationToken", "no SigV4 credential scope");
    }
    String key = credential.group(1);
    Integer account = accountIndex.get(key.substring(4, 16));
    if (account == null) {
      return error(403, "InvalidClientTokenId", "unknown access key " + key);
    }
    String region = credential.group(2);
    String service = credential.group(3);
    Place place = new Place(account, accountIds.get(account), region, regions().indexOf(region));
    String target = call.header("X-Amz-Target");
    String contentType = String.valueOf(call.header("Content-Type"));
    if (target != null) {
      String operation = target.substring(target.lastIndexOf('.') + 1);
      String type = contentType.contains("1.0") ? "1.0" : "1.1";
      return json(place, service, operation, parseJson(call.body()), type);
    }
    if (contentType.startsWith("application/x-www-form-urlencoded")) {
      Map<String, String> form = form(call.body());
      String action = form.getOrDefault("Action", "");
      return "ec2".equals(service) ? ec2(place, action, form) : query(place, service, action, form);
    }
    return switch (service) {
      case "s3" -> s3(place, call);
      case "lambda" -> lambda(place, call);
      case "cloudfront" ->
          Answer.xml(
              "<DistributionList xmlns=\"http://cloudfront.amazonaws.com/doc/2020-05-31/\">"
                  + "<Marker></Marker><MaxItems>100</MaxItems><IsTruncated>false</IsTruncated>"
                  + "<Quantity>0</Quantity></DistributionList>");
      case "route53" ->
          Answer.xml(
              "<ListHostedZonesResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
                  + "<HostedZones></HostedZones><IsTruncated>false</IsTruncated>"
                  + "<MaxItems>100</MaxItems></ListHostedZonesResponse>");
      default -> {
        emptyAnswers.add(service + " rest-json " + call.method() + " " + pathShape(call.path()));
        yield Answer.json("application/json", "{}");
      }
    };
  }

  // ---------------------------------------------------------------- EC2 protocol

  private Answer ec2(Place place, String action, Map<String, String> form) {
    StringBuilder xml = new StringBuilder();
    xml.append('<')
        .append(action)
        .append("Response xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>")
        .append(requestId())
        .append("</requestId>");
    String prefix = place.accountId + "-" + place.regionIndex;
    switch (action) {
      case "DescribeRegions" -> {
        xml.append("<regionInfo>");
        for (String name : regions()) {
          xml.append("<item><regionName>")
              .append(name)
              .append("</regionName><regionEndpoint>ec2.")
              .append(name)
              .append(".amazonaws.com</regionEndpoint><optInStatus>opt-in-not-required")
              .append("</optInStatus></item>");
        }
        xml.append("</regionInfo>");
      }
      case "DescribeVolumes" ->
          page(
              xml,
              "volumeSet",
              count(Kind.VOLUME),
              form.get("NextToken"),
              limit(form.get("MaxResults"), 1000),
              i ->
                  "<volumeId>"
                      + id("vol", place, i)
                      + "</volumeId><size>"
                      + (8 + i % 100)
                      + "</size><snapshotId></snapshotId><availabilityZone>"
                      + place.region
                      + "a</availabilityZone><status>in-use</status><createTime>"
                      + CREATED
                      + "</createTime><attachmentSet><item><volumeId>"
                      + id("vol", place, i)
                      + "</volumeId><instanceId>"
                      + id("i", place, i % count(Kind.INSTANCE))
                      + "</instanceId><device>/dev/xvdf</device><status>attached</status>"
                      + "<attachTime>"
                      + CREATED
                      + "</attachTime><deleteOnTermination>true</deleteOnTermination></item>"
                      + "</attachmentSet><volumeType>gp3</volumeType><encrypted>true</encrypted>"
                      + "<kmsKeyId>"
                      + keyArn(place, 0)
                      + "</kmsKeyId>"
                      + tags("Name", "data-" + prefix + "-" + i),
              "nextToken");
      case "DescribeSnapshots" ->
          page(
              xml,
              "snapshotSet",
              count(Kind.SNAPSHOT),
              form.get("NextToken"),
              limit(form.get("MaxResults"), 1000),
              i ->
                  "<snapshotId>"
                      + id("snap", place, i)
                      + "</snapshotId><volumeId>"
                      + id("vol", place, i % count(Kind.VOLUME))
                      + "</volumeId><status>completed</status><startTime>"
                      + CREATED
                      + "</startTime><progress>100%</progress><ownerId>"
                      + place.accountId
                      + "</ownerId><volumeSize>8</volumeSize><description>nightly</description>"
                      + "<encrypted>true</encrypted><kmsKeyId>"
                      + keyArn(place, 0)
                      + "</kmsKeyId>"
                      + tags("Name", "nightly-" + i),
              "nextToken");
      case "DescribeSnapshotAttribute" ->
          xml.append("<snapshotId>")
              .append(form.get("SnapshotId"))
              .append("</snapshotId><createVolumePermission></createVolumePermission>");
      case "DescribeInstances" -> {
        int total = count(Kind.INSTANCE);
        int from = offset(form.get("NextToken"));
        int to = Math.min(total, from + limit(form.get("MaxResults"), 1000));
        xml.append("<reservationSet>");
        for (int i = from; i < to; i++) {
          xml.append("<item><reservationId>")
              .append(id("r", place, i))
              .append("</reservationId><ownerId>")
              .append(place.accountId)
              .append("</ownerId><groupSet></groupSet><instancesSet><item><instanceId>")
              .append(id("i", place, i))
              .append("</instanceId><imageId>ami-0a1b2c3d4e5f60718</imageId><instanceState>")
              .append("<code>16</code><name>running</name></instanceState>")
              .append("<instanceType>m7g.large</instanceType><launchTime>")
              .append(CREATED)
              .append("</launchTime><subnetId>subnet-0a1b2c3d</subnetId>")
              .append("<vpcId>vpc-0a1b2c3d</vpcId><privateIpAddress>10.0.")
              .append(i / 250)
              .append('.')
              .append(i % 250)
              .append("</privateIpAddress><groupSet><item><groupId>")
              .append(id("sg", place, i % count(Kind.SECURITY_GROUP)))
              .append("</groupId><groupName>app</groupName></item></groupSet>")
              .append("<blockDeviceMapping><item><deviceName>/dev/xvda</deviceName><ebs>")
              .append("<volumeId>")
              .append(id("vol", place, i))
              .append("</volumeId><status>attached</status><attachTime>")
              .append(CREATED)
              .append("</attachTime><deleteOnTermination>true</deleteOnTermination></ebs>")
              .append("</item></blockDeviceMapping><metadataOptions><state>applied</state>")
              .append("<httpTokens>required</httpTokens><httpPutResponseHopLimit>1")
              .append("</httpPutResponseHopLimit><httpEndpoint>enabled</httpEndpoint>")
              .append("</metadataOptions>")
              .append(tags("Name", "app-" + i))
              .append("</item></instancesSet></item>");
        }
        xml.append("</reservationSet>");
        if (to < total) {
          xml.append("<nextToken>").append(to).append("</nextToken>");
        }
      }
      case "DescribeImages" -> {
        xml.append("<imagesSet>");
        for (Map.Entry<String, String> entry : form.entrySet()) {
          if (entry.getKey().startsWith("ImageId.")) {
            xml.append("<item><imageId>")
                .append(entry.getValue())
                .append("</imageId><imageOwnerId>137112412989</imageOwnerId>")
                .append("<imageState>available</imageState><name>al2023-ami-2024.3</name>")
                .append("<creationDate>2024-02-15T00:00:00.000Z</creationDate>")
                .append("<deprecationTime>2026-02-15T00:00:00.000Z</deprecationTime></item>");
          }
        }
        xml.append("</imagesSet>");
      }
      case "DescribeSecurityGroups" ->
          page(
              xml,
              "securityGroupInfo",
              count(Kind.SECURITY_GROUP),
              form.get("NextToken"),
              limit(form.get("MaxResults"), 1000),
              i ->
                  "<ownerId>"
                      + place.accountId
                      + "</ownerId><groupId>"
                      + id("sg", place, i)
                      + "</groupId><groupName>app-"
                      + i
                      + "</groupName><groupDescription>app tier</groupDescription>"
                      + "<vpcId>vpc-0a1b2c3d</vpcId><ipPermissions><item>"
                      + "<ipProtocol>tcp</ipProtocol><fromPort>443</fromPort><toPort>443</toPort>"
                      + "<groups></groups><ipRanges><item><cidrIp>10.0.0.0/16</cidrIp></item>"
                      + "</ipRanges><ipv6Ranges></ipv6Ranges><prefixListIds></prefixListIds>"
                      + "</item></ipPermissions><ipPermissionsEgress><item>"
                      + "<ipProtocol>-1</ipProtocol><groups></groups><ipRanges><item>"
                      + "<cidrIp>0.0.0.0/0</cidrIp></item></ipRanges></item>"
                      + "</ipPermissionsEgress>",
              "nextToken");
      case "GetEbsEncryptionByDefault" ->
          xml.append("<ebsEncryptionByDefault>true</ebsEncryptionByDefault>");
      case "GetEbsDefaultKmsKeyId" -> xml.append("<kmsKeyId>alias/aws/ebs</kmsKeyId>");
      case "GetSnapshotBlockPublicAccessState" -> xml.append("<state>block-all-sharing</state>");
      case "GetImageBlockPublicAccessState" ->
          xml.append(
              "<imageBlockPublicAccessState>block-new-sharing</imageBlockPublicAccessState>");
      default -> emptyAnswers.add("ec2 ec2 " + action);
    }
    xml.append("</").append(action).append("Response>");
    return Answer.xml(xml.toString());
  }

  // ---------------------------------------------------------------- Query protocol

  private Answer query(Place place, String service, String action, Map<String, String> form) {
    String namespace =
        switch (service) {
          case "sts" -> "https://sts.amazonaws.com/doc/2011-06-15/";
          case "iam" -> "https://iam.amazonaws.com/doc/2010-05-08/";
          case "rds" -> "http://rds.amazonaws.com/doc/2014-10-31/";
          case "elasticloadbalancing" ->
              "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";
          case "monitoring" -> "http://monitoring.amazonaws.com/doc/2010-08-01/";
          default -> "https://" + service + ".amazonaws.com/doc/";
        };
    StringBuilder result = new StringBuilder();
    String key = service + ":" + action;
    switch (key) {
      case "sts:GetCallerIdentity" ->
          result
              .append("<Arn>arn:aws:iam::")
              .append(place.accountId)
              .append(":user/lcscan-scanner</Arn><UserId>AIDA")
              .append(place.accountId)
              .append("SCAN</UserId><Account>")
              .append(place.accountId)
              .append("</Account>");
      case "sts:AssumeRole" -> {
        Matcher role = ROLE_ACCOUNT.matcher(form.getOrDefault("RoleArn", ""));
        if (!role.find() || !accountIndex.containsKey(role.group(1))) {
          return error(403, "AccessDenied", "not authorized to assume " + form.get("RoleArn"));
        }
        String member = role.group(1);
        result
            .append("<Credentials><AccessKeyId>ASIA")
            .append(member)
            .append("ROLE</AccessKeyId><SecretAccessKey>")
            .append("wJalrXUtnFEMI/K7MDENG/bPxRfiCYBENCHMARK")
            .append("</SecretAccessKey><SessionToken>FwoGZXIvYXdzEBenchmarkSessionToken")
            .append(member)
            .append("</SessionToken><Expiration>")
            .append(Instant.now().plusSeconds(3600))
            .append("</Expiration></Credentials><AssumedRoleUser><AssumedRoleId>AROA")
            .append(member)
            .append("ROLE:lcscan</AssumedRoleId><Arn>arn:aws:sts::")
            .append(member)
            .append(":assumed-role/")
            .append(ROLE_NAME)
            .append("/lcscan</Arn></AssumedRoleUser>");
      }
      case "iam:GetAccountAuthorizationDetails" -> authorizationDetails(place, form, result);
      case "iam:ListRoles" -> {
        int total = count(Kind.IAM_ROLE) * regions;
        int from = offset(form.get("Marker"));
        int to = Math.min(total, from + limit(form.get("MaxItems"), 100));
        result.append("<Roles>");
        for (int i = from; i < to; i++) {
          result.append("<member>").append(role(place, i, false)).append("</member>");
        }
        result.append("</Roles>");
        truncated(result, to, total);
      }
      case "iam:GetCredentialReport" -> {
        StringBuilder csv =
            new StringBuilder(
                "user,arn,user_creation_time,password_enabled,password_last_used,"
                    + "password_last_changed,password_next_rotation,mfa_active,"
                    + "access_key_1_active,access_key_1_last_rotated,access_key_2_active\n");
        csv.append("<root_account>,arn:aws:iam::")
            .append(place.accountId)
            .append(":root,2024-03-01T09:30:00+00:00,not_supported,no_information,")
            .append("not_supported,not_supported,true,false,N/A,false\n");
        for (int i = 0; i < count(Kind.IAM_USER) * regions; i++) {
          csv.append(userName(i))
              .append(",arn:aws:iam::")
              .append(place.accountId)
              .append(":user/")
              .append(userName(i))
              .append(",2024-03-01T09:30:00+00:00,true,2025-11-01T08:00:00+00:00,")
              .append("2025-06-01T08:00:00+00:00,N/A,true,true,2025-06-01T08:00:00+00:00,false\n");
        }
        result
            .append("<Content>")
            .append(Base64.getEncoder().encodeToString(csv.toString().getBytes(UTF8)))
            .append("</Content><ReportFormat>text/csv</ReportFormat><GeneratedTime>")
            .append(CREATED)
            .append("</GeneratedTime>");
      }
      case "iam:ListAccessKeys" -> {
        String user = form.getOrDefault("UserName", "");
        result
            .append("<UserName>")
            .append(user)
            .append("</UserName><AccessKeyMetadata><member><UserName>")
            .append(user)
            .append("</UserName><AccessKeyId>AKIA")
            .append(place.accountId)
            .append(user.substring(user.length() - 4))
            .append("</AccessKeyId><Status>Active</Status><CreateDate>")
            .append(CREATED)
            .append("</CreateDate></member></AccessKeyMetadata><IsTruncated>false</IsTruncated>");
      }
      case "iam:GetAccessKeyLastUsed" ->
          result
              .append("<UserName>")
              .append(
                  userName(
                      Integer.parseInt(form.getOrDefault("AccessKeyId", "0000").substring(16))))
              .append("</UserName><AccessKeyLastUsed><LastUsedDate>2025-11-20T10:00:00Z")
              .append("</LastUsedDate><ServiceName>s3</ServiceName><Region>us-east-1</Region>")
              .append("</AccessKeyLastUsed>");
      case "iam:GetAccountSummary" ->
          result.append(
              "<SummaryMap><entry><key>AccountMFAEnabled</key><value>1</value></entry>"
                  + "<entry><key>AccountAccessKeysPresent</key><value>0</value></entry>"
                  + "</SummaryMap>");
      case "iam:GetAccountPasswordPolicy" ->
          result.append(
              "<PasswordPolicy><MinimumPasswordLength>14</MinimumPasswordLength>"
                  + "<RequireSymbols>true</RequireSymbols><RequireNumbers>true</RequireNumbers>"
                  + "<RequireUppercaseCharacters>true</RequireUppercaseCharacters>"
                  + "<RequireLowercaseCharacters>true</RequireLowercaseCharacters>"
                  + "<AllowUsersToChangePassword>true</AllowUsersToChangePassword>"
                  + "<ExpirePasswords>false</ExpirePasswords><PasswordReusePrevention>24"
                  + "</PasswordReusePrevention><HardExpiry>false</HardExpiry></PasswordPolicy>");
      case "rds:DescribeDBInstances" -> {
        int total = count(Kind.RDS_INSTANCE);
        int from = offset(form.get("Marker"));
        int to = Math.min(total, from + limit(form.get("MaxRecords"), 100));
        result.append("<DBInstances>");
        for (int i = from; i < to; i++) {
          String name = "db-" + i;
          result
              .append("<DBInstance><DBInstanceIdentifier>")
              .append(name)
              .append("</DBInstanceIdentifier><DBInstanceClass>db.r7g.large</DBInstanceClass>")
              .append("<Engine>postgres</Engine><DBInstanceStatus>available</DBInstanceStatus>")
              .append("<InstanceCreateTime>")
              .append(CREATED)
              .append("</InstanceCreateTime><BackupRetentionPeriod>7</BackupRetentionPeriod>")
              .append("<EngineVersion>16.3</EngineVersion><PubliclyAccessible>false")
              .append("</PubliclyAccessible><StorageEncrypted>true</StorageEncrypted><KmsKeyId>")
              .append(keyArn(place, 0))
              .append("</KmsKeyId><DBInstanceArn>arn:aws:rds:")
              .append(place.region)
              .append(':')
              .append(place.accountId)
              .append(":db:")
              .append(name)
              .append("</DBInstanceArn><DeletionProtection>true</DeletionProtection>")
              .append("<ReadReplicaDBInstanceIdentifiers></ReadReplicaDBInstanceIdentifiers>")
              .append("<TagList><Tag><Key>team</Key><Value>data</Value></Tag></TagList>")
              .append("</DBInstance>");
        }
        result.append("</DBInstances>");
        if (to < total) {
          result.append("<Marker>").append(to).append("</Marker>");
        }
      }
      case "rds:DescribeDBEngineVersions" ->
          result
              .append("<DBEngineVersions><DBEngineVersion><Engine>")
              .append(form.getOrDefault("Engine", "postgres"))
              .append("</Engine><EngineVersion>")
              .append(form.getOrDefault("EngineVersion", "16.3"))
              .append("</EngineVersion><Status>available</Status></DBEngineVersion>")
              .append("</DBEngineVersions>");
      default -> emptyAnswers.add(service + " query " + action);
    }
    return Answer.xml(
        "<"
            + action
            + "Response xmlns=\""
            + namespace
            + "\"><"
            + action
            + "Result>"
            + result
            + "</"
            + action
            + "Result><ResponseMetadata><RequestId>"
            + requestId()
            + "</RequestId></ResponseMetadata></"
            + action
            + "Response>");
  }

  private void authorizationDetails(Place place, Map<String, String> form, StringBuilder result) {
    int users = count(Kind.IAM_USER) * regions;
    int roles = count(Kind.IAM_ROLE) * regions;
    int total = users + roles;
    int from = offset(form.get("Marker"));
    int to = Math.min(total, from + limit(form.get("MaxItems"), 100));
    result.append("<UserDetailList>");
    for (int i = from; i < Math.min(to, users); i++) {
      result
          .append("<member><Path>/</Path><UserName>")
          .append(userName(i))
          .append("</UserName><UserId>AIDA")
          .append(place.accountId)
          .append(String.format("%04d", i))
          .append("</UserId><Arn>arn:aws:iam::")
          .append(place.accountId)
          .append(":user/")
          .append(userName(i))
          .append("</Arn><CreateDate>")
          .append(CREATED)
          .append("</CreateDate><UserPolicyList></UserPolicyList><GroupList><member>developers")
          .append("</member></GroupList><AttachedManagedPolicies></AttachedManagedPolicies>")
          .append("<Tags><member><Key>team</Key><Value>platform</Value></member></Tags>")
          .append("</member>");
    }
    result.append("</UserDetailList><GroupDetailList>");
    if (from == 0) {
      result
          .append("<member><Path>/</Path><GroupName>developers</GroupName><GroupId>AGPA")
          .append(place.accountId)
          .append("DEVS</GroupId><Arn>arn:aws:iam::")
          .append(place.accountId)
          .append(":group/developers</Arn><CreateDate>")
          .append(CREATED)
          .append("</CreateDate><GroupPolicyList></GroupPolicyList><AttachedManagedPolicies>")
          .append("<member><PolicyName>ReadOnlyAccess</PolicyName><PolicyArn>")
          .append("arn:aws:iam::aws:policy/ReadOnlyAccess</PolicyArn></member>")
          .append("</AttachedManagedPolicies></member>");
    }
    result.append("</GroupDetailList><RoleDetailList>");
    for (int i = Math.max(from, users); i < to; i++) {
      result.append("<member>").append(role(place, i - users, true)).append("</member>");
    }
    result.append("</RoleDetailList><Policies></Policies>");
    truncated(result, to, total);
  }

  private static String role(Place place, int i, boolean detail) {
    String trust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
            + "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
    StringBuilder xml =
        new StringBuilder()
            .append("<Path>/</Path><RoleName>role-")
            .append(i)
            .append("</RoleName><RoleId>AROA")
            .append(place.accountId)
            .append(String.format("%04d", i))
            .append("</RoleId><Arn>arn:aws:iam::")
            .append(place.accountId)
            .append(":role/role-")
            .append(i)
            .append("</Arn><CreateDate>")
            .append(CREATED)
            .append("</CreateDate><AssumeRolePolicyDocument>")
            .append(java.net.URLEncoder.encode(trust, UTF8).replace("+", "%20"))
            .append("</AssumeRolePolicyDocument><MaxSessionDuration>3600</MaxSessionDuration>");
    if (detail) {
      xml.append("<InstanceProfileList></InstanceProfileList><RolePolicyList></RolePolicyList>")
          .append("<AttachedManagedPolicies><member><PolicyName>AWSLambdaBasicExecutionRole")
          .append("</PolicyName><PolicyArn>arn:aws:iam::aws:policy/service-role/")
          .append("AWSLambdaBasicExecutionRole</PolicyArn></member></AttachedManagedPolicies>")
          .append("<Tags></Tags><RoleLastUsed><LastUsedDate>2025-11-20T10:00:00Z")
          .append("</LastUsedDate><Region>us-east-1</Region></RoleLastUsed>");
    }
    return xml.toString();
  }

  private static void truncated(StringBuilder result, int to, int total) {
    result.append("<IsTruncated>").append(to < total).append("</IsTruncated>");
    if (to < total) {
      result.append("<Marker>").append(to).append("</Marker>");
    }
  }

  // ---------------------------------------------------------------- JSON protocol

  private Answer json(
      Place place, String service, String operation, Map<String, String> body, String version) {
    String contentType = "application/x-amz-json-" + version;
    StringBuilder json = new StringBuilder();
    switch (service + ":" + operation) {
      case "organizations:ListAccounts" -> {
        int from = offset(body.get("NextToken"));
        int to = Math.min(accounts, from + 20);
        json.append("{\"Accounts\":[");
        for (int i = from; i < to; i++) {
          String id = accountIds.get(i);
          json.append(i == from ? "" : ",")
              .append("{\"Id\":\"")
              .append(id)
              .append("\",\"Arn\":\"arn:aws:organizations::")
              .append(managementAccount())
              .append(":account/o-benchmark1/")
              .append(id)
              .append("\",\"Email\":\"aws+")
              .append(id)
              .append("@example.com\",\"Name\":\"workload-")
              .append(i)
              .append("\",\"Status\":\"ACTIVE\",\"State\":\"ACTIVE\",\"JoinedMethod\":")
              .append(i == 0 ? "\"INVITED\"" : "\"CREATED\"")
              .append(",\"JoinedTimestamp\":")
              .append(CREATED_EPOCH)
              .append('}');
        }
        json.append(']');
        if (to < accounts) {
          json.append(",\"NextToken\":\"").append(to).append('"');
        }
        json.append('}');
      }
      case "organizations:DescribeOrganization" ->
          json.append(
                  "{\"Organization\":{\"Id\":\"o-benchmark1\",\"Arn\":\"arn:aws:organizations::")
              .append(managementAccount())
              .append(":organization/o-benchmark1\",\"FeatureSet\":\"ALL\",\"MasterAccountArn\":")
              .append("\"arn:aws:organizations::")
              .append(managementAccount())
              .append(":account/o-benchmark1/")
              .append(managementAccount())
              .append("\",\"MasterAccountId\":\"")
              .append(managementAccount())
              .append("\",\"MasterAccountEmail\":\"aws+")
              .append(managementAccount())
              .append("@example.com\"}}");
      case "organizations:ListTagsForResource" ->
          json.append("{\"Tags\":[{\"Key\":\"cost-center\",\"Value\":\"cc-42\"}]}");
      case "kms:ListKeys" -> {
        int total = count(Kind.KMS_KEY);
        int from = offset(body.get("Marker"));
        int to = Math.min(total, from + limit(body.get("Limit"), 100));
        json.append("{\"Keys\":[");
        for (int i = from; i < to; i++) {
          json.append(i == from ? "" : ",")
              .append("{\"KeyId\":\"")
              .append(keyId(place, i))
              .append("\",\"KeyArn\":\"")
              .append(keyArn(place, i))
              .append("\"}");
        }
        json.append("],\"Truncated\":").append(to < total);
        if (to < total) {
          json.append(",\"NextMarker\":\"").append(to).append('"');
        }
        json.append('}');
      }
      case "kms:ListAliases" -> {
        json.append("{\"Aliases\":[");
        for (int i = 0; i < count(Kind.KMS_KEY); i++) {
          json.append(i == 0 ? "" : ",")
              .append("{\"AliasName\":\"alias/app-")
              .append(i)
              .append("\",\"AliasArn\":\"arn:aws:kms:")
              .append(place.region)
              .append(':')
              .append(place.accountId)
              .append(":alias/app-")
              .append(i)
              .append("\",\"TargetKeyId\":\"")
              .append(keyId(place, i))
              .append("\"}");
        }
        json.append("],\"Truncated\":false}");
      }
      case "kms:DescribeKey" -> {
        String requested = body.getOrDefault("KeyId", "");
        boolean managed = requested.contains("alias/aws/");
        String id =
            managed
                ? String.format("%08x-aaaa-4000-8000-%012d", place.regionIndex, place.account)
                : requested.substring(requested.lastIndexOf('/') + 1);
        json.append("{\"KeyMetadata\":{\"AWSAccountId\":\"")
            .append(place.accountId)
            .append("\",\"KeyId\":\"")
            .append(id)
            .append("\",\"Arn\":\"arn:aws:kms:")
            .append(place.region)
            .append(':')
            .append(place.accountId)
            .append(":key/")
            .append(id)
            .append("\",\"CreationDate\":")
            .append(CREATED_EPOCH)
            .append(",\"Enabled\":true,\"KeyUsage\":\"ENCRYPT_DECRYPT\",\"KeyState\":\"Enabled\"")
            .append(",\"Origin\":\"AWS_KMS\",\"KeyManager\":\"")
            .append(managed ? "AWS" : "CUSTOMER")
            .append("\",\"KeySpec\":\"SYMMETRIC_DEFAULT\",\"CustomerMasterKeySpec\":")
            .append("\"SYMMETRIC_DEFAULT\",\"EncryptionAlgorithms\":[\"SYMMETRIC_DEFAULT\"],")
            .append("\"MultiRegion\":false}}");
      }
      case "kms:GetKeyRotationStatus" ->
          json.append("{\"KeyRotationEnabled\":true,\"RotationPeriodInDays\":365,")
              .append("\"NextRotationDate\":")
              .append(CREATED_EPOCH + 700L * 86_400)
              .append('}');
      case "kms:GetKeyPolicy" ->
          json.append("{\"PolicyName\":\"default\",\"Policy\":\"")
              .append(
                  ("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"Root\",\"Effect\":"
                          + "\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::"
                          + place.accountId
                          + ":root\"},\"Action\":\"kms:*\",\"Resource\":\"*\"},{\"Sid\":"
                          + "\"Window\",\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":"
                          + "\"kms:ScheduleKeyDeletion\",\"Resource\":\"*\",\"Condition\":"
                          + "{\"NumericLessThan\":{\"kms:ScheduleKeyDeletionPendingWindowInDays\":"
                          + "\"30\"}}}]}")
                      .replace("\"", "\\\""))
              .append("\"}");
      case "kms:ListResourceTags" ->
          json.append("{\"Tags\":[{\"TagKey\":\"team\",\"TagValue\":\"platform\"}],")
              .append("\"Truncated\":false}");
      case "logs:DescribeLogGroups" -> {
        int total = count(Kind.LOG_GROUP);
        int from = offset(body.get("nextToken"));
        int to = Math.min(total, from + limit(body.get("limit"), 50));
        json.append("{\"logGroups\":[");
        for (int i = from; i < to; i++) {
          String name = "/app/service-" + i;
          json.append(i == from ? "" : ",")
              .append("{\"logGroupName\":\"")
              .append(name)
              .append("\",\"creationTime\":")
              .append(CREATED_EPOCH * 1000)
              .append(",\"retentionInDays\":365,\"metricFilterCount\":0,\"storedBytes\":")
              .append(1_000_000L * (i + 1))
              .append(",\"arn\":\"arn:aws:logs:")
              .append(place.region)
              .append(':')
              .append(place.accountId)
              .append(":log-group:")
              .append(name)
              .append(":*\",\"logGroupClass\":\"STANDARD\",\"logGroupArn\":\"arn:aws:logs:")
              .append(place.region)
              .append(':')
              .append(place.accountId)
              .append(":log-group:")
              .append(name)
              .append("\"}");
        }
        json.append(']');
        if (to < total) {
          json.append(",\"nextToken\":\"").append(to).append('"');
        }
        json.append('}');
      }
      case "logs:ListTagsForResource" -> json.append("{\"tags\":{\"team\":\"platform\"}}");
      default -> {
        emptyAnswers.add(service + " json " + operation);
        json.append("{}");
      }
    }
    return Answer.json(contentType, json.toString());
  }

  // ---------------------------------------------------------------- REST protocols

  private Answer lambda(Place place, Call call) {
    String path = call.path();
    if (path.startsWith("/2015-03-31/functions")) {
      int total = count(Kind.LAMBDA_FUNCTION);
      int from = offset(call.query().get("Marker"));
      int to = Math.min(total, from + limit(call.query().get("MaxItems"), 50));
      StringBuilder json = new StringBuilder("{\"Functions\":[");
      for (int i = from; i < to; i++) {
        String name = "handler-" + i;
        json.append(i == from ? "" : ",")
            .append("{\"FunctionName\":\"")
            .append(name)
            .append("\",\"FunctionArn\":\"")
            .append(functionArn(place, i))
            .append("\",\"Runtime\":\"python3.12\",\"Role\":\"arn:aws:iam::")
            .append(place.accountId)
            .append(":role/role-0\",\"Handler\":\"app.handler\",\"CodeSize\":4096,")
            .append("\"Timeout\":30,\"MemorySize\":256,\"LastModified\":")
            .append("\"2025-10-01T12:00:00.000+0000\",\"Version\":\"$LATEST\",")
            .append("\"PackageType\":\"Zip\",\"Architectures\":[\"arm64\"]}");
      }
      json.append(']');
      if (to < total) {
        json.append(",\"NextMarker\":\"").append(to).append('"');
      }
      json.append('}');
      return Answer.json("application/json", json.toString());
    }
    if (path.startsWith("/2021-10-31/functions/") && path.endsWith("/url")) {
      String arn = decode(path.substring("/2021-10-31/functions/".length(), path.length() - 4));
      return Answer.json(
          "application/json",
          "{\"FunctionUrl\":\"https://abcdefghij.lambda-url."
              + place.region
              + ".on.aws/\",\"FunctionArn\":\""
              + arn
              + "\",\"AuthType\":\"AWS_IAM\",\"CreationTime\":\"2025-10-01T12:00:00.000Z\","
              + "\"LastModifiedTime\":\"2025-10-01T12:00:00.000Z\"}");
    }
    if (path.startsWith("/2017-03-31/tags/")) {
      return Answer.json("application/json", "{\"Tags\":{\"team\":\"platform\"}}");
    }
    emptyAnswers.add("lambda rest-json " + call.method() + " " + pathShape(path));
    return Answer.json("application/json", "{}");
  }

  private Answer s3(Place place, Call call) {
    String path = call.path();
    String ns = " xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";
    if (path.startsWith("/v20180820/configuration/publicAccessBlock")) {
      return Answer.xml(
          "<PublicAccessBlockConfiguration"
              + " xmlns=\"http://awss3control.amazonaws.com/doc/2018-08-20/\">"
              + "<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
              + "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true"
              + "</RestrictPublicBuckets></PublicAccessBlockConfiguration>");
    }
    if (path.equals("/") || path.isEmpty()) {
      int perRegion = count(Kind.S3_BUCKET);
      int total = perRegion * regions;
      int from = 0;
      String token = call.query().get("continuation-token");
      if (token != null) {
        from = offset(token);
      }
      int to = Math.min(total, from + limit(call.query().get("max-buckets"), 10_000));
      StringBuilder xml =
          new StringBuilder("<ListAllMyBucketsResult")
              .append(ns)
              .append("><Owner><ID>")
              .append("7".repeat(64))
              .append("</ID></Owner><Buckets>");
      for (int i = from; i < to; i++) {
        xml.append("<Bucket><Name>")
            .append(bucketName(place, i))
            .append("</Name><CreationDate>")
            .append(CREATED)
            .append("</CreationDate><BucketRegion>")
            .append(regions().get(i % regions))
            .append("</BucketRegion></Bucket>");
      }
      xml.append("</Buckets>");
      if (to < total) {
        xml.append("<ContinuationToken>").append(to).append("</ContinuationToken>");
      }
      xml.append("</ListAllMyBucketsResult>");
      return Answer.xml(xml.toString());
    }
    String bucket = path.substring(1).split("/", 2)[0];
    Map<String, String> query = call.query();
    if (query.containsKey("encryption")) {
      return Answer.xml(
          "<ServerSideEncryptionConfiguration"
              + ns
              + "><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>aws:kms</SSEAlgorithm>"
              + "<KMSMasterKeyID>"
              + keyArn(place, 0)
              + "</KMSMasterKeyID></ApplyServerSideEncryptionByDefault><BucketKeyEnabled>true"
              + "</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>");
    }
    if (query.containsKey("policyStatus")) {
      return Answer.xml("<PolicyStatus" + ns + "><IsPublic>false</IsPublic></PolicyStatus>");
    }
    if (query.containsKey("policy")) {
      return Answer.json(
          "application/json",
          "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"TlsOnly\",\"Effect\":\"Deny\","
              + "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::"
              + bucket
              + "\",\"arn:aws:s3:::"
              + bucket
              + "/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":\"false\"}}}]}");
    }
    if (query.containsKey("publicAccessBlock")) {
      return Answer.xml(
          "<PublicAccessBlockConfiguration"
              + ns
              + "><BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls>"
              + "<BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true"
              + "</RestrictPublicBuckets></PublicAccessBlockConfiguration>");
    }
    if (query.containsKey("versioning")) {
      return Answer.xml(
          "<VersioningConfiguration" + ns + "><Status>Enabled</Status></VersioningConfiguration>");
    }
    if (query.containsKey("lifecycle")) {
      return Answer.xml(
          "<LifecycleConfiguration"
              + ns
              + "><Rule><ID>noncurrent</ID><Filter><Prefix></Prefix></Filter><Status>Enabled"
              + "</Status><NoncurrentVersionExpiration><NoncurrentDays>90</NoncurrentDays>"
              + "</NoncurrentVersionExpiration></Rule></LifecycleConfiguration>");
    }
    if (query.containsKey("logging")) {
      return Answer.xml(
          "<BucketLoggingStatus"
              + ns
              + "><LoggingEnabled><TargetBucket>"
              + bucketName(place, 0)
              + "</TargetBucket><TargetPrefix>access/"
              + bucket
              + "/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>");
    }
    if (query.containsKey("object-lock")) {
      return new Answer(
          404,
          "application/xml",
          s3Error(
              "ObjectLockConfigurationNotFoundError",
              "Object Lock configuration does not" + " exist for this bucket",
              bucket));
    }
    if (query.containsKey("replication")) {
      return new Answer(
          404,
          "application/xml",
          s3Error(
              "ReplicationConfigurationNotFoundError",
              "The replication configuration was" + " not found",
              bucket));
    }
    if (query.containsKey("tagging")) {
      return Answer.xml(
          "<Tagging"
              + ns
              + "><TagSet><Tag><Key>team</Key><Value>platform</Value></Tag></TagSet></Tagging>");
    }
    if (query.containsKey("location")) {
      return Answer.xml("<LocationConstraint" + ns + ">" + place.region + "</LocationConstraint>");
    }
    emptyAnswers.add("s3 rest-xml " + call.method() + " " + query.keySet());
    return new Answer(404, "application/xml", s3Error("NoSuchKey", "not served", bucket));
  }

  private static String s3Error(String code, String message, String bucket) {
    return "<Error><Code>"
        + code
        + "</Code><Message>"
        + message
        + "</Message><BucketName>"
        + bucket
        + "</BucketName><RequestId>"
        + requestId()
        + "</RequestId></Error>";
  }

  // ---------------------------------------------------------------- helpers

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  private void page(
      StringBuilder xml,
      String set,
      int total,
      String token,
      int size,
      IntFunction<String> item,
      String tokenElement) {
    int from = offset(token);
    int to = Math.min(total, from + size);
    xml.append('<').append(set).append('>');
    for (int i = from; i < to; i++) {
      xml.append("<item>").append(item.apply(i)).append("</item>");
    }
    xml.append("</").append(set).append('>');
    if (to < total) {
      xml.append('<').append(tokenElement).append('>').append(to);
      xml.append("</").append(tokenElement).append('>');
    }
  }

  private static String tags(String key, String value) {
    return "<tagSet><item><key>"
        + key
        + "</key><value>"
        + value
        + "</value></item><item><key>team</key><value>platform</value></item></tagSet>";
  }

  private static String id(String prefix, Place place, int i) {
    return String.format("%s-%02x%02x%013x", prefix, place.account, place.regionIndex & 0xff, i);
  }

  private static String keyId(Place place, int i) {
    return String.format("%08x-0000-4000-8000-%012x", place.account * 16 + place.regionIndex, i);
  }

  private static String keyArn(Place place, int i) {
    return "arn:aws:kms:" + place.region + ":" + place.accountId + ":key/" + keyId(place, i);
  }

  private static String functionArn(Place place, int i) {
    return "arn:aws:lambda:" + place.region + ":" + place.accountId + ":function:handler-" + i;
  }

  private static String bucketName(Place place, int i) {
    return "bench-" + place.accountId + "-" + i;
  }

  private static String userName(int i) {
    return String.format("user-%04d", i);
  }

  private static int offset(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    return Integer.parseInt(token);
  }

  private static int limit(String requested, int fallback) {
    if (requested == null || requested.isEmpty()) {
      return fallback;
    }
    return Math.max(1, Math.min(fallback, Integer.parseInt(requested)));
  }

  private static String requestId() {
    return java.util.UUID.randomUUID().toString();
  }

  private static String pathShape(String path) {
    return path.replaceAll("[0-9]{6,}", "N").replaceAll("arn%3A[^/]*", "ARN");
  }

  private Answer error(int status, String code, String message) {
    return new Answer(
        status,
        "text/xml",
        "<ErrorResponse><Error><Type>Sender</Type><Code>"
            + code
            + "</Code><Message>"
            + message
            + "</Message></Error><RequestId>"
            + requestId()
            + "</RequestId></ErrorResponse>");
  }

  static Map<String, String> form(String body) {
    Map<String, String> result = new LinkedHashMap<>();
    if (body == null || body.isEmpty()) {
      return result;
    }
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        result.put(decode(pair), "");
      } else {
        result.put(decode(pair.substring(0, equals)), decode(pair.substring(equals + 1)));
      }
    }
    return result;
  }

  private static String decode(String value) {
    return URLDecoder.decode(value, UTF8);
  }

  /** The top-level string and number members of a JSON request body; nothing else is needed. */
  static Map<String, String> parseJson(String body) {
    Map<String, String> result = new LinkedHashMap<>();
    if (body == null || body.isBlank()) {
      return result;
    }
    Matcher members =
        Pattern.compile("\"([A-Za-z]+)\"\\s*:\\s*(\"((?:[^\"\\\\]|\\\\.)*)\"|(-?[0-9]+))")
            .matcher(body);
    while (members.find()) {
      result.putIfAbsent(
          members.group(1), members.group(3) != null ? members.group(3) : members.group(4));
    }
    return result;
  }
}
