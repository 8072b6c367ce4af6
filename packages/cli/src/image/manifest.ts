import type { ImageSource } from './image-source.js';

/** One image of a saved tarball or layout: its config and its layers, lowest first. */
export interface ImageDescription {
  /** The config's entry name, and the digest it is reported under. */
  config: string;
  configDigest: string;
  layers: { entry: string; digest: string }[];
}

const DIGEST = /^[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+$/;
const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `sha256:abc` -> `blobs/sha256/abc` (OCI image layout); undefined for a malformed digest. */
export function blobPath(digest: unknown): string | undefined {
  if (typeof digest !== 'string' || !DIGEST.test(digest)) return undefined;
  const [algorithm, hex] = digest.split(':') as [string, string];
  return `blobs/${algorithm}/${hex}`;
}

/** `blobs/sha256/abc` -> `sha256:abc`, else undefined. */
const digestOfBlobPath = (entry: string): string | undefined => {
  const m = /^blobs\/([a-z0-9]+)\/([a-zA-Z0-9=_-]+)$/.exec(entry.replace(/^\.\//, ''));
  return m === null ? undefined : `${m[1]}:${m[2]}`;
};

/**
 * The images a source holds: from docker's `manifest.json` (docker and podman save; newer
 * docker writes an OCI layout with it), else from the OCI `index.json` (nested indexes
 * followed). Throws when there is neither.
 */
export function describeImages(source: ImageSource): ImageDescription[] {
  const docker = source.json('manifest.json');
  if (Array.isArray(docker)) {
    const images: ImageDescription[] = [];
    for (const item of docker) {
      if (!isRecord(item) || typeof item.Config !== 'string' || !Array.isArray(item.Layers)) continue;
      const config = source.json(item.Config);
      const diffIds = isRecord(config) && isRecord(config.rootfs) && Array.isArray(config.rootfs.diff_ids) ? config.rootfs.diff_ids : [];
      const layers = item.Layers.filter((l): l is string => typeof l === 'string').map((entry, i) => {
        // An OCI blob is named by its digest; a legacy `<id>/layer.tar` by the layer's diff id.
        const diffId = diffIds[i];
        const digest = digestOfBlobPath(entry) ?? (typeof diffId === 'string' && DIGEST.test(diffId) ? diffId : entry.replace(/\/layer\.tar$/, ''));
        return { entry, digest };
      });
      const configDigest = digestOfBlobPath(item.Config) ?? `sha256:${item.Config.replace(/\.json$/, '')}`;
      images.push({ config: item.Config, configDigest, layers });
    }
    if (images.length > 0) return images;
  }
  const index = source.json('index.json');
  if (!isRecord(index)) throw new Error('not a container image: neither manifest.json (docker save) nor index.json (OCI image layout) found');
  const images: ImageDescription[] = [];
  const seen = new Set<string>();
  const visit = (manifests: unknown, depth: number): void => {
    if (!Array.isArray(manifests) || depth > 4) return;
    for (const descriptor of manifests) {
      if (!isRecord(descriptor)) continue;
      const at = blobPath(descriptor.digest);
      if (at === undefined || seen.has(at)) continue;
      seen.add(at);
      const manifest = source.json(at);
      if (!isRecord(manifest)) continue;
      if (Array.isArray(manifest.manifests)) {
        visit(manifest.manifests, depth + 1);
        continue;
      }
      const config = isRecord(manifest.config) ? manifest.config : undefined;
      const configAt = blobPath(config?.digest);
      if (configAt === undefined || !Array.isArray(manifest.layers)) continue;
      const layers: ImageDescription['layers'] = [];
      for (const layer of manifest.layers) {
        const entry = isRecord(layer) ? blobPath(layer.digest) : undefined;
        if (entry !== undefined) layers.push({ entry, digest: (layer as { digest: string }).digest });
      }
      images.push({ config: configAt, configDigest: config!.digest as string, layers });
    }
  };
  visit(index.manifests, 0);
  return images;
}
