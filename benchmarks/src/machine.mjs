// The machine the figures come from: they are only comparable on the same one.
import { cpus, freemem, loadavg, totalmem, release, platform } from 'node:os';
import { readFileSync } from 'node:fs';

export function machineInfo() {
  const c = cpus();
  let distro;
  try {
    distro = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1];
  } catch {
    // no /etc/os-release: the distribution stays unknown
  }
  return {
    cores: c.length,
    cpuModel: c[0]?.model?.trim(),
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    freeMemoryGiBAtStart: Math.round((freemem() / 2 ** 30) * 10) / 10,
    loadAverageAtStart: loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${distro ?? platform()} (kernel ${release()})`,
    node: process.version,
  };
}

/** @param {ReturnType<typeof machineInfo>} m */
export function machineLabel(m) {
  return `${m.cores} cores, ${m.memoryGiB} GiB RAM, ${m.cpuModel}`;
}
