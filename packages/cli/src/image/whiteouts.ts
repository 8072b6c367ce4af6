/**
 * Whiteouts (OCI image spec, layer changesets): a later layer deletes `a/b` from the layers
 * below with an empty `a/.wh.b`, and hides all of `a/` below it with `a/.wh..wh..opq`. The
 * deleted files are still in the image's lower layers: they are reported, marked as deleted.
 */
const WHITEOUT_PREFIX = '.wh.';
const OPAQUE = '.wh..wh..opq';

export class Whiteouts {
  /** Deleted paths (and everything under them). */
  private readonly deleted: string[] = [];
  /** Folders whose lower content is hidden. */
  private readonly opaque: string[] = [];

  /** Notes an entry of the layer; true when it is a whiteout. */
  add(name: string): boolean {
    const slash = name.lastIndexOf('/');
    const dir = name.slice(0, slash + 1);
    const base = name.slice(slash + 1);
    if (base === OPAQUE) this.opaque.push(dir);
    else if (base.startsWith(WHITEOUT_PREFIX)) this.deleted.push(dir + base.slice(WHITEOUT_PREFIX.length));
    else return false;
    return true;
  }

  /** Whether this layer deletes or hides `file` of a lower layer. */
  hides(file: string): boolean {
    return this.deleted.some((d) => file === d || file.startsWith(`${d}/`)) || this.opaque.some((dir) => file.startsWith(dir));
  }
}
