#!/usr/bin/env bash
# Installs the system tools the tests and the lab use, when they are missing:
# bash, iproute2 (ip netns), iptables, tcpdump, curl, OpenSSH server and client,
# procps (pgrep), socat, bridge-utils and net-tools (the cheat sheet's brctl
# and arp), dnsutils and iputils-ping (netshoot's nslookup, dig and ping), cram (the benchmark's reference), hyperfine, chromium (the
# html reporter's tests open its report in headless Chromium), and shellcheck
# (test/ci checks the CI scripts and the workflows' run: blocks with it).
set -euo pipefail
need=()
command -v ip >/dev/null || need+=(iproute2)
command -v iptables >/dev/null || need+=(iptables)
command -v tcpdump >/dev/null || need+=(tcpdump)
command -v curl >/dev/null || need+=(curl)
command -v sshd >/dev/null && [ -x /usr/sbin/sshd ] || need+=(openssh-server)
command -v ssh >/dev/null || need+=(openssh-client)
command -v pgrep >/dev/null || need+=(procps)
command -v cram3 >/dev/null || need+=(python3-cram)
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v chromium >/dev/null || need+=(chromium)
[ -d /usr/share/fonts/truetype/dejavu ] || need+=(fonts-dejavu-core)
command -v socat >/dev/null || need+=(socat)
command -v shellcheck >/dev/null || need+=(shellcheck)
# The cheat sheet's own tools, so runbooks written from it run against the lab.
command -v brctl >/dev/null || need+=(bridge-utils)
command -v arp >/dev/null || need+=(net-tools)
# What test-pod (nicolaka/netshoot) has for name lookups and reachability: runbooks ask it from the lab's pods.
command -v nslookup >/dev/null || need+=(dnsutils)
command -v ping >/dev/null || need+=(iputils-ping)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "runbook: missing system packages: ${need[*]} (run as root, or: sudo apt-get install ${need[*]})" >&2
    exit 1
  fi
  echo "runbook: installing ${need[*]}" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
