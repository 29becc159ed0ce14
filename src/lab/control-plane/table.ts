// The text layouts of the real tools, as pure functions: kubectl's tables
// (Go's text/tabwriter as k8s.io/cli-runtime sets it up: minimum cell width 6,
// padding 3, the last cell of a line never padded), kubectl's AGE
// (k8s.io/apimachinery's duration.HumanDuration) and multipass's
// fixed-width `list` and `info` layouts (src/client/cli/formatter/table_formatter.cpp).

/**
 * Go's text/tabwriter (left-aligned, space-padded): the text of each line is cut
 * at tabs; every cell but the last of a line is aligned with the cells of the
 * same column in the lines around it that have one (a "column block": a line
 * without that cell ends the block), padded to the widest plus `padding`, at
 * least `minWidth`. The last cell of a line is never padded.
 */
export function tabwriter(text: string, minWidth: number, padding: number): string {
  const lines = text.split('\n');
  const trailingNewline = lines[lines.length - 1] === '';
  if (trailingNewline) lines.pop();
  const cells = lines.map((l) => l.split('\t'));
  const out: string[] = new Array(cells.length);
  const widths: number[] = [];
  const write = (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      out[i] = cells[i]!.map((c, j) => (j < widths.length ? c.padEnd(widths[j]!) : c)).join('');
    }
  };
  const format = (line0: number, line1: number) => {
    const column = widths.length;
    let start = line0;
    for (let l = line0; l < line1; l++) {
      if (column >= cells[l]!.length - 1) continue;
      write(start, l);
      let width = minWidth;
      let end = l;
      for (; end < line1 && column < cells[end]!.length - 1; end++) width = Math.max(width, cells[end]![column]!.length + padding);
      widths.push(width);
      format(l, end);
      widths.pop();
      start = end;
      l = end - 1;
    }
    write(start, line1);
  };
  format(0, cells.length);
  return out.join('\n') + (trailingNewline ? '\n' : '');
}

/** Rows of cells (the header first) laid out as kubectl get prints them: minimum cell width 6, padding 3. */
export function tabwrite(rows: string[][]): string {
  return tabwriter(rows.map((r) => `${r.join('\t')}\n`).join(''), 6, 3);
}

/** kubectl's AGE: `45s`, `4m35s`, `22h`, `3d4h`, `2y10d` (duration.HumanDuration). */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

export interface MultipassInstance {
  name: string;
  state: string;
  ipv4: string[];
  /** `22.04 LTS`; shown as `Ubuntu 22.04 LTS`. */
  release: string;
}

/** `multipass list`: Name (at least 24 wide), State (18), IPv4 (17), Image; more addresses on lines of their own. */
export function multipassList(instances: MultipassInstance[]): string {
  if (instances.length === 0) return 'No instances found.\n';
  const nameWidth = Math.max(24, ...instances.map((i) => i.name.length + 1));
  const row = (name: string, state: string, ip: string, image: string, ipWidth = 17) =>
    `${name.padEnd(nameWidth)}${state.padEnd(18)}${ip.padEnd(ipWidth)}${image}\n`;
  let out = row('Name', 'State', 'IPv4', 'Image');
  for (const i of [...instances].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    out += row(i.name, i.state, i.ipv4[0] ?? '--', i.release ? `Ubuntu ${i.release}` : 'Not Available');
    for (const ip of i.ipv4.slice(1)) out += row('', '', ip, '', ip.length);
  }
  return out;
}

export interface MultipassInfo extends MultipassInstance {
  /** `Ubuntu 22.04.4 LTS`. */
  currentRelease: string;
  cpus: string;
  load: string;
  disk: string;
  memory: string;
}

/** `multipass info NAME…`: one `Label:` block per instance (labels padded to 16), blank line between. */
export function multipassInfo(instances: MultipassInfo[]): string {
  const field = (label: string, value: string) => `${label.padEnd(16)}${value}\n`;
  const blocks = [...instances]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((i) => {
      let out = field('Name:', i.name) + field('State:', i.state) + field('Snapshots:', '0') + field('IPv4:', i.ipv4[0] ?? '--');
      for (const ip of i.ipv4.slice(1)) out += field('', ip);
      out += field('Release:', i.currentRelease || '--');
      out += field('Image hash:', 'Not Available');
      out += field('CPU(s):', i.cpus) + field('Load:', i.load) + field('Disk usage:', i.disk) + field('Memory usage:', i.memory);
      return out + field('Mounts:', '--');
    });
  return blocks.join('\n');
}

/** multipass's MemorySize::human_readable: `4.3GiB`, `512.0MiB`. */
export function humanBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v}B` : `${v.toFixed(1)}${units[u]}`;
}
