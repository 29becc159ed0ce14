#!/usr/bin/env bash
# Makes the cluster that runbooks/networking.md runs on in CI
# (.github/workflows/cheatsheet-live.yml; docs/ci.md, "Real clusters"):
# k3s in three node containers made by k3d, with the cheat sheet's workloads.
#
#   container          Kubernetes node   cheat sheet target
#   k3d-rb-server-0    vm1               vm1 (control plane)
#   k3d-rb-agent-0     vm2               vm2
#   k3d-rb-agent-1     vm3               vm3
#
# ci/k3d/runbook.config.yaml maps the targets onto those containers (docker
# exec) and test-pod onto kubectl exec.
#
# Usage: [K3S_IMAGE=rancher/k3s:v1.30.6-k3s1] ci/k3d/up.sh     make it
#        ci/k3d/up.sh down                                    delete it
# Needs docker, k3d (v5), kubectl, and a statically linked bash (Debian and
# Ubuntu: apt-get install bash-static; or BASH_STATIC=/path/to/bash): the k3s
# images have busybox only, and runbook's session loop needs bash.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cluster=rb # runbook.config.yaml names the containers k3d-rb-…
image=${K3S_IMAGE:-rancher/k3s:v1.29.5-k3s1}
nodes=("k3d-$cluster-server-0" "k3d-$cluster-agent-0" "k3d-$cluster-agent-1")

if [[ ${1:-up} == down ]]; then
  exec k3d cluster delete "$cluster"
fi
if [[ ${1:-up} != up ]]; then
  echo "usage: $0 [up|down]" >&2
  exit 2
fi

for tool in docker k3d kubectl; do
  command -v "$tool" >/dev/null || { echo "up.sh: $tool is not installed" >&2; exit 2; }
done
bash_static=${BASH_STATIC:-$(command -v bash-static || true)}
if [[ -z $bash_static || ! -x $bash_static ]]; then
  echo "up.sh: no static bash: apt-get install bash-static, or set BASH_STATIC" >&2
  exit 2
fi

# As the cheat sheet's deploy script: k3s without its service load balancer.
# The Kubernetes node names are the cheat sheet's, so `kubectl get nodes`
# says vm1, vm2, vm3.
k3d cluster create "$cluster" \
  --image "$image" \
  --servers 1 --agents 2 \
  --k3s-arg '--disable=servicelb@server:0' \
  --k3s-arg '--node-name=vm1@server:0' \
  --k3s-arg '--node-name=vm2@agent:0' \
  --k3s-arg '--node-name=vm3@agent:1' \
  --wait --timeout 300s

for node in "${nodes[@]}"; do
  docker cp -L "$bash_static" "$node:/bin/bash"
  docker cp -L "$here/node/sudo" "$node:/bin/sudo"
  docker exec "$node" /bin/bash --noprofile --norc -c 'chmod 755 /bin/bash /bin/sudo && echo "$(hostname): $BASH_VERSION"'
done

kubectl apply -f "$here/manifests/"
kubectl wait --for=condition=Ready node --all --timeout=300s
kubectl rollout status deployment/nginx-deployment --timeout=300s
kubectl rollout status deployment/nginx-np-deployment --timeout=300s
kubectl wait --for=condition=Ready pod/test-pod --timeout=300s
kubectl get nodes -o wide
kubectl get pods -o wide
