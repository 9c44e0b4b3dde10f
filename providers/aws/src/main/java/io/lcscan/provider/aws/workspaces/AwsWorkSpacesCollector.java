package io.lcscan.provider.aws.workspaces;

import static io.lcscan.provider.aws.AwsAttributes.bool;
import static io.lcscan.provider.aws.AwsAttributes.object;
import static io.lcscan.provider.aws.AwsAttributes.strings;
import static io.lcscan.provider.aws.AwsAttributes.text;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lcscan.provider.aws.AwsCollectionContext;
import io.lcscan.provider.aws.AwsCollector;
import io.lcscan.provider.aws.AwsEncryption;
import io.lcscan.provider.aws.AwsPlacement;
import io.lcscan.provider.common.CallSpec;
import io.lcscan.spi.Resource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.regions.ServiceMetadata;
import software.amazon.awssdk.services.workspaces.WorkSpacesClient;
import software.amazon.awssdk.services.workspaces.model.DescribeWorkspaceDirectoriesResponse;
import software.amazon.awssdk.services.workspaces.model.DescribeWorkspacesResponse;
import software.amazon.awssdk.services.workspaces.model.Workspace;
import software.amazon.awssdk.services.workspaces.model.WorkspaceAccessProperties;
import software.amazon.awssdk.services.workspaces.model.WorkspaceDirectory;

/** WorkSpaces virtual desktops ({@code aws.workspaces.workspace}) with their directory's rules. */
public final class AwsWorkSpacesCollector implements AwsCollector {
  public static final String TYPE = "aws.workspaces.workspace";
  private static final Set<String> TYPES = Set.of(TYPE);
  private static final CallSpec WORKSPACES = CallSpec.of("workspaces", "DescribeWorkspaces", TYPE);
  private static final CallSpec DIRECTORIES =
      CallSpec.of("workspaces", "DescribeWorkspaceDirectories", TYPE);
  private static final List<CallSpec> SOURCES =
      List.of(WORKSPACES, DIRECTORIES, CallSpec.of("kms", "DescribeKey"));

  @Override
  public String service() {
    return "workspaces";
  }

  @Override
  public Set<String> resourceTypes() {
    return TYPES;
  }

  @Override
  public AwsPlacement placement() {
    return AwsPlacement.REGIONAL;
  }

  @Override
  public Optional<ServiceMetadata> serviceMetadata() {
    return Optional.of(WorkSpacesClient.serviceMetadata());
  }

  @Override
  public void collect(AwsCollectionContext context) throws Exception {
    WorkSpacesClient client = context.client(WorkSpacesClient.class);
    List<Workspace> workspaces = new ArrayList<>();
    context.paginate(
        WORKSPACES,
        token -> client.describeWorkspaces(request -> request.nextToken(token)),
        DescribeWorkspacesResponse::nextToken,
        page -> workspaces.addAll(page.workspaces()));
    if (workspaces.isEmpty()) {
      return;
    }
    Map<String, WorkspaceDirectory> directories = new HashMap<>();
    boolean directoriesKnown =
        context.paginate(
            DIRECTORIES,
            token -> client.describeWorkspaceDirectories(request -> request.nextToken(token)),
            DescribeWorkspaceDirectoriesResponse::nextToken,
            page -> page.directories().forEach(d -> directories.put(d.directoryId(), d)));
    for (Workspace workspace : workspaces) {
      String arn =
          context.arn("workspaces", context.region(), "workspace/" + workspace.workspaceId());
      Resource.Builder resource = context.resource(TYPE, arn).name(workspace.workspaceId());
      ObjectNode attributes = resource.attributes();
      text(attributes, "state", workspace.stateAsString());
      text(attributes, "userName", workspace.userName());
      text(attributes, "directoryId", workspace.directoryId());
      bool(attributes, "rootVolumeEncryption", workspace.rootVolumeEncryptionEnabled());
      bool(attributes, "userVolumeEncryption", workspace.userVolumeEncryptionEnabled());
      if (workspace.volumeEncryptionKey() != null && !workspace.volumeEncryptionKey().isEmpty()) {
        AwsEncryption.resolve(
            context,
            resource,
            object(attributes, "encryption"),
            workspace.volumeEncryptionKey(),
            TYPES);
      }
      WorkspaceDirectory directory = directories.get(workspace.directoryId());
      if (directoriesKnown && directory != null) {
        ObjectNode node = object(attributes, "directory");
        strings(node, "ipGroupIds", directory.ipGroupIds());
        WorkspaceAccessProperties access = directory.workspaceAccessProperties();
        if (access != null) {
          ObjectNode devices = object(node, "deviceAccess");
          text(devices, "windows", access.deviceTypeWindowsAsString());
          text(devices, "osx", access.deviceTypeOsxAsString());
          text(devices, "web", access.deviceTypeWebAsString());
          text(devices, "ios", access.deviceTypeIosAsString());
          text(devices, "android", access.deviceTypeAndroidAsString());
          text(devices, "chromeOs", access.deviceTypeChromeOsAsString());
          text(devices, "zeroClient", access.deviceTypeZeroClientAsString());
          text(devices, "linux", access.deviceTypeLinuxAsString());
        }
      }
      context.emit(resource, SOURCES);
    }
  }
}
