// Times parse + plan of a ~1 MB generated runbook (PRODUCT §8 budget: ≤ 1.5 s).
// Build first: npx tsc -p . && node scripts/bench/parse.mjs [sizeInBytes]
import { fromMarkdown } from 'mdast-util-from-markdown';
import { frontmatterFromMarkdown } from 'mdast-util-frontmatter';
import { frontmatter } from 'micromark-extension-frontmatter';
import { mergeConfig } from '../../dist/config/load.js';
import { parseRunbook } from '../../dist/markdown/parse-runbook.js';
import { buildPlan } from '../../dist/plan/build-plan.js';

const target = Number(process.argv[2] ?? 1_000_000);

// A cheat-sheet-like document: headings, prose, transcripts on several hosts, diagrams, a long output block.
function generate(size) {
  const parts = ['---', 'runbook:', '  default: fiveg-host-24-node4', '  targets:', '    fiveg-host-24-node4: local', '    vm2: { ssh: ubuntu@vm2 }', '---', ''];
  let n = 0;
  let bytes = 0;
  while (bytes < size) {
    const sec = [`## Section ${n}`, '', `Some prose about step ${n}, with *emphasis* and \`code\`.`, ''];
    sec.push('```console', 'root@fiveg-host-24-node4:~# multipass shell vm1', 'Last login: Tue Jun 11 01:57:04 2024');
    for (let i = 0; i < 8; i++) {
      sec.push(`ubuntu@vm1:~$ sudo iptables-save | grep KUBE-SEP-${n}-${i}`);
      for (let j = 0; j < 6; j++) sec.push(`-A KUBE-SEP-LNMZPQ2U2A5TEEGP -s 10.42.${j}.8/32 -m comment --comment "default/nginx-service" -j KUBE-MARK-MASQ`);
    }
    sec.push('ubuntu@vm2:~$ kubectl get pods -o wide', 'NAME   READY   STATUS    RESTARTS   AGE', `nginx-7c79c4bf97-gk7cj   1/1   Running   0   22h`, 'ubuntu@vm1:~$ ', '```', '');
    sec.push('```', '.----------.      .---------.', '| test-pod |------| coredns |', "'----------'      '---------'", '```', '');
    sec.push('```bash', 'for i in 1 2 3; do', '  echo "line $i"', 'done', '```', '', '<!-- runbook: output -->', '```', 'line 1', 'line 2', 'line 3', '```', '');
    if (n % 20 === 0) {
      sec.push('```console', '$ seq 1 2000');
      for (let k = 1; k <= 2000; k++) sec.push(String(k));
      sec.push('```', '');
    }
    const text = sec.join('\n') + '\n';
    parts.push(text);
    bytes += text.length;
    n++;
  }
  return parts.join('\n');
}

const source = generate(target);
if (process.env.BENCH_DUMP) (await import("node:fs")).writeFileSync(process.env.BENCH_DUMP, source);
const config = mergeConfig([]);
config.default = 'fiveg-host-24-node4';
config.targets = { 'fiveg-host-24-node4': 'local', vm2: { ssh: 'ubuntu@vm2' } };
// Side by side with the reference (mdast-util-from-markdown alone on the same text), interleaved, so machine noise hits both.
const times = [];
const reference = [];
let plan;
for (let run = 0; run < 5; run++) {
  let t0 = performance.now();
  fromMarkdown(source, { extensions: [frontmatter(['yaml'])], mdastExtensions: [frontmatterFromMarkdown(['yaml'])] });
  reference.push(performance.now() - t0);
  t0 = performance.now();
  plan = buildPlan(parseRunbook('bench.md', source, config), config);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
reference.sort((a, b) => a - b);
const median = times[2];
console.log(`parse + plan of ${(source.length / 1e6).toFixed(2)} MB (${source.split('\n').length} lines, ${plan.steps.length} steps, ${plan.ignored.length} ignored, ${plan.errors.length} errors)`);
console.log(`median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times[4].toFixed(0)} ms (budget 1500 ms) ${median <= 1500 ? 'OK' : 'OVER BUDGET'}`);
console.log(`reference: mdast-util-from-markdown alone, median ${reference[2].toFixed(0)} ms; parse + plan is ${(median / reference[2]).toFixed(2)} x that`);
process.exitCode = median <= 1500 ? 0 : 1;
