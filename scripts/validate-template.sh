#!/usr/bin/env bash
# Validate template.yaml offline: cfn-lint, then `sam validate --lint` from aws-sam-cli.
# aws-sam-cli pins its own boto3 and click, so it lives in its own virtualenv (.venv-sam),
# created on first use from PyPI. Needs no AWS account: validation runs locally.
set -euo pipefail
cd "$(dirname "$0")/.."

SAM_VENV="${SAM_VENV:-.venv-sam}"
REGION="${AWS_REGION:-eu-west-1}"
export SAM_CLI_TELEMETRY=0

pick_python() {
    for candidate in "${SAM_PYTHON:-}" python3.12 python3.11 python3; do
        # `command -v` alone is not enough: a pyenv shim exists even when the version is not active.
        if [ -n "$candidate" ] && "$candidate" -c 'import sys; assert sys.version_info >= (3, 9)' >/dev/null 2>&1; then
            echo "$candidate"
            return
        fi
    done
    echo "validate-template: no python3 found" >&2
    exit 1
}

if [ ! -x "$SAM_VENV/bin/sam" ]; then
    echo "== installing aws-sam-cli into $SAM_VENV"
    "$(pick_python)" -m venv "$SAM_VENV"
    "$SAM_VENV/bin/pip" install -q --upgrade pip
    "$SAM_VENV/bin/pip" install -q "aws-sam-cli>=1.120"
fi

if [ -x .venv/bin/cfn-lint ]; then
    echo "== cfn-lint template.yaml"
    .venv/bin/cfn-lint template.yaml
fi
echo "== sam validate --lint --region $REGION"
"$SAM_VENV/bin/sam" validate --lint --region "$REGION" --template-file template.yaml
