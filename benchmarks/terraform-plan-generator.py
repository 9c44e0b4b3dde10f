#!/usr/bin/env python3
"""Writes a `terraform show -json` plan with N managed resource instances (default 1000).

A mix an agency's landing zone might plan: per-team modules (for_each) with S3 buckets and their
companions (encryption, public access block, versioning), KMS keys, EBS volumes, security groups,
log groups and IAM roles. Values are deterministic, so every run times the same input. Written on
one line, as `terraform show -json` writes it.

usage: terraform-plan-generator.py [N] > plan.json
"""
import json
import sys

AWS = "registry.terraform.io/hashicorp/aws"
ACCOUNT = "123456789012"
TAGS = {"lc-owner": "platform-team", "lc-system-id": "SYS-0042", "lc-approval-id": "APR-AWS-001"}


def change(address, type_, name, after, unknown, module=None, index=None):
    c = {"address": address}
    if module:
        c["module_address"] = module
    c.update({"mode": "managed", "type": type_, "name": name})
    if index is not None:
        c["index"] = index
    c["provider_name"] = AWS
    c["change"] = {"actions": ["create"], "before": None, "after": after, "after_unknown": unknown,
                   "before_sensitive": False, "after_sensitive": {}}
    return c


def team(i):
    """One team module: 10 resource instances."""
    module = f'module.team["t{i:03d}"]'
    cls = ["c1", "c2", "c3"][i % 3]
    tags = dict(TAGS, **{"lc-data-class": cls})
    out = []
    bucket = f"acme-team-{i:03d}-data"
    out.append(change(f"{module}.aws_kms_key.data", "aws_kms_key", "data", {
        "customer_master_key_spec": "SYMMETRIC_DEFAULT", "deletion_window_in_days": 30 if i % 7 else 7,
        "description": f"team {i} data", "enable_key_rotation": i % 5 != 0, "is_enabled": True,
        "key_usage": "ENCRYPT_DECRYPT", "multi_region": False, "tags": tags, "tags_all": tags},
        {"arn": True, "id": True, "key_id": True, "policy": True}, module))
    out.append(change(f"{module}.aws_s3_bucket.data", "aws_s3_bucket", "data", {
        "bucket": bucket, "force_destroy": False, "object_lock_enabled": False, "tags": tags, "tags_all": tags},
        {k: True for k in ["arn", "id", "policy", "versioning", "logging", "lifecycle_rule",
                           "server_side_encryption_configuration", "replication_configuration"]}, module))
    out.append(change(f"{module}.aws_s3_bucket_server_side_encryption_configuration.data",
        "aws_s3_bucket_server_side_encryption_configuration", "data", {"rule": [{
            "apply_server_side_encryption_by_default": [{"sse_algorithm": "aws:kms"}], "bucket_key_enabled": True}]},
        {"bucket": True, "id": True, "rule": [{"apply_server_side_encryption_by_default": [{"kms_master_key_id": True}]}]}, module))
    on = i % 4 != 0
    out.append(change(f"{module}.aws_s3_bucket_public_access_block.data", "aws_s3_bucket_public_access_block", "data",
        {"block_public_acls": on, "block_public_policy": on, "ignore_public_acls": on, "restrict_public_buckets": on},
        {"bucket": True, "id": True}, module))
    out.append(change(f"{module}.aws_s3_bucket_versioning.data", "aws_s3_bucket_versioning", "data",
        {"versioning_configuration": [{"status": "Enabled" if i % 3 else "Suspended"}]}, {"bucket": True, "id": True}, module))
    for j, zone in enumerate(["ap-northeast-1a", "ap-northeast-1c"]):
        out.append(change(f"{module}.aws_ebs_volume.disk[{j}]", "aws_ebs_volume", "disk", {
            "availability_zone": zone, "encrypted": i % 6 != 0, "size": 100, "type": "gp3",
            "tags": tags, "tags_all": tags}, {"arn": True, "id": True, "kms_key_id": True}, module, j))
    out.append(change(f"{module}.aws_cloudwatch_log_group.app", "aws_cloudwatch_log_group", "app", {
        "name": f"/acme/team-{i:03d}", "retention_in_days": 400 if i % 2 else 30, "tags": tags, "tags_all": tags},
        {"arn": True, "id": True}, module))
    out.append(change(f"{module}.aws_security_group.app", "aws_security_group", "app", {
        "name": f"team-{i:03d}-app", "description": "app", "vpc_id": "vpc-0a1b2c3d", "revoke_rules_on_delete": False,
        "ingress": [{"cidr_blocks": ["10.0.0.0/8"] if i % 9 else ["0.0.0.0/0"], "description": "https",
                     "from_port": 443, "to_port": 443, "protocol": "tcp", "ipv6_cidr_blocks": [],
                     "prefix_list_ids": [], "security_groups": [], "self": False}],
        "egress": [], "tags": tags, "tags_all": tags}, {"arn": True, "id": True, "owner_id": True}, module))
    out.append(change(f"{module}.aws_iam_role.app", "aws_iam_role", "app", {
        "name": f"team-{i:03d}-app", "path": "/", "max_session_duration": 3600, "force_detach_policies": False,
        "assume_role_policy": json.dumps({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                           "Principal": {"Service": "ec2.amazonaws.com"}}]}),
        "tags": tags, "tags_all": tags}, {"arn": True, "id": True, "unique_id": True, "inline_policy": True,
                                          "managed_policy_arns": True}, module))
    return out


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    changes = []
    i = 0
    while len(changes) < n:
        changes.extend(team(i))
        i += 1
    changes = changes[:n]
    modules = {}
    for c in changes:
        values = {k: v for k, v in c["change"]["after"].items()}
        pv = {k: c[k] for k in ("address", "mode", "type", "name", "provider_name")}
        if "index" in c:
            pv["index"] = c["index"]
        pv.update({"schema_version": 0, "values": values, "sensitive_values": {}})
        modules.setdefault(c["module_address"], []).append(pv)
    def ref(*r):
        return {"references": list(r)}
    team_resources = [
        {"address": "aws_kms_key.data", "mode": "managed", "type": "aws_kms_key", "name": "data", "provider_config_key": "aws",
         "expressions": {"deletion_window_in_days": ref("var.key_window")}, "schema_version": 0},
        {"address": "aws_s3_bucket.data", "mode": "managed", "type": "aws_s3_bucket", "name": "data", "provider_config_key": "aws",
         "expressions": {"bucket": ref("var.bucket")}, "schema_version": 0},
    ] + [
        {"address": f"{t}.data", "mode": "managed", "type": t, "name": "data", "provider_config_key": "aws",
         "expressions": {"bucket": ref("aws_s3_bucket.data.id", "aws_s3_bucket.data")}, "schema_version": 0}
        for t in ["aws_s3_bucket_server_side_encryption_configuration", "aws_s3_bucket_public_access_block",
                  "aws_s3_bucket_versioning"]
    ]
    plan = {
        "format_version": "1.2",
        "terraform_version": "1.9.8",
        "planned_values": {"root_module": {"child_modules": [
            {"address": m, "resources": rs} for m, rs in modules.items()]}},
        "resource_changes": changes,
        "configuration": {
            "provider_config": {"aws": {"name": "aws", "full_name": AWS, "expressions": {
                "region": {"constant_value": "ap-northeast-1"},
                "allowed_account_ids": {"constant_value": [ACCOUNT]},
                "default_tags": [{"tags": {"constant_value": TAGS}}]}}},
            "root_module": {"module_calls": {"team": {
                "source": "./modules/team",
                "for_each_expression": {"references": ["local.teams"]},
                "module": {"resources": team_resources}}}}},
        "timestamp": "2026-11-25T23:40:12Z",
        "applyable": True,
        "complete": True,
        "errored": False,
    }
    json.dump(plan, sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
