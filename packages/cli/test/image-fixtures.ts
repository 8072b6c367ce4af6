import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipOf, tarOf, type TarEntry } from './archive-fixtures.js';

// Container images built in code from the OCI image spec (image-layout, manifest, config) and
// docker's `save` format: no image fixture is committed, no daemon is needed.

export interface ImageSpec {
  /** Layers, lowest first: each a list of tar entries. */
  layers: TarEntry[][];
  env?: string[];
  labels?: Record<string, string>;
  history?: string[];
  /** Layers gzipped (OCI `tar+gzip`), else plain tars. */
  gzip?: boolean;
}

export const digestOf = (bytes: Uint8Array): string => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const json = (value: unknown): Uint8Array => Buffer.from(JSON.stringify(value));

interface BuiltImage {
  /** Layout files: path -> bytes. */
  files: Map<string, Uint8Array>;
  /** Digests of the layer blobs as stored, lowest first. */
  layerDigests: string[];
  /** Digests of the uncompressed layer tars (config rootfs.diff_ids). */
  diffIds: string[];
}

async function build(spec: ImageSpec): Promise<{ layerTars: Uint8Array[]; blobs: Uint8Array[]; config: Uint8Array; diffIds: string[] }> {
  const layerTars = await Promise.all(spec.layers.map((entries) => tarOf(entries)));
  const blobs = layerTars.map((t) => (spec.gzip === false ? t : gzipOf(t)));
  const diffIds = layerTars.map(digestOf);
  const config = json({
    architecture: 'amd64',
    os: 'linux',
    config: { Env: spec.env ?? ['PATH=/usr/bin'], Labels: spec.labels ?? {} },
    rootfs: { type: 'layers', diff_ids: diffIds },
    history: (spec.history ?? []).map((created_by) => ({ created: '2024-01-01T00:00:00Z', created_by })),
  });
  return { layerTars, blobs, config, diffIds };
}

/** An OCI image layout (what `docker save` writes since Docker 25, and `podman save --format oci-archive`). */
export async function ociLayout(spec: ImageSpec): Promise<BuiltImage> {
  const { blobs, config, diffIds } = await build(spec);
  const files = new Map<string, Uint8Array>();
  const blob = (bytes: Uint8Array): string => {
    const digest = digestOf(bytes);
    files.set(`blobs/sha256/${digest.slice('sha256:'.length)}`, bytes);
    return digest;
  };
  const layerMediaType = spec.gzip === false ? 'application/vnd.oci.image.layer.v1.tar' : 'application/vnd.oci.image.layer.v1.tar+gzip';
  const manifest = json({
    schemaVersion: 2,
    mediaType: 'application/vnd.oci.image.manifest.v1+json',
    config: { mediaType: 'application/vnd.oci.image.config.v1+json', digest: blob(config), size: config.length },
    layers: blobs.map((b) => ({ mediaType: layerMediaType, digest: blob(b), size: b.length })),
  });
  const manifestDigest = blob(manifest);
  files.set('oci-layout', json({ imageLayoutVersion: '1.0.0' }));
  files.set('index.json', json({ schemaVersion: 2, manifests: [{ mediaType: 'application/vnd.oci.image.manifest.v1+json', digest: manifestDigest, size: manifest.length }] }));
  return { files, layerDigests: blobs.map(digestOf), diffIds };
}

/** Docker's legacy `docker save` tarball: `manifest.json`, `<id>.json`, `<id>/layer.tar`. */
export async function dockerSave(spec: ImageSpec): Promise<BuiltImage> {
  const { layerTars, config, diffIds } = await build({ ...spec, gzip: false });
  const files = new Map<string, Uint8Array>();
  const configName = `${digestOf(config).slice(7)}.json`;
  files.set(configName, config);
  const layers = layerTars.map((t, i) => {
    const name = `${createHash('sha256').update(`layer${i}`).digest('hex')}/layer.tar`;
    files.set(name, t);
    return name;
  });
  files.set('manifest.json', json([{ Config: configName, RepoTags: ['app:latest'], Layers: layers }]));
  return { files, layerDigests: diffIds, diffIds };
}

/** The layout as one tar, metadata first (as docker writes it), the layers last. */
export const imageTar = (image: BuiltImage, links: TarEntry[] = []): Promise<Uint8Array> => {
  const first = ['oci-layout', 'index.json', 'manifest.json'];
  const names = [...image.files.keys()].sort((a, b) => Number(first.includes(b)) - Number(first.includes(a)) || image.files.get(a)!.length - image.files.get(b)!.length);
  return tarOf([...names.map((name) => ({ name, content: image.files.get(name)! })), ...links]);
};

/**
 * Docker's save links a layer two images share (`<id>/layer.tar -> ../<other>/layer.tar`):
 * the image's first layer becomes such a link to a copy under another name.
 */
export function linkFirstLayer(image: BuiltImage): TarEntry[] {
  const manifest = JSON.parse(Buffer.from(image.files.get('manifest.json')!).toString('utf8')) as { Layers: string[] }[];
  const layer = manifest[0]!.Layers[0]!;
  const real = `${'f'.repeat(64)}/layer.tar`;
  image.files.set(real, image.files.get(layer)!);
  image.files.delete(layer);
  return [{ name: layer, type: 'symlink', linkname: `../${real}` }];
}

export function imageFolder(image: BuiltImage, dir: string): void {
  for (const [name, bytes] of image.files) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), bytes);
  }
}
