// Reads each Mermaid flowchart named on the command line with mermaid's own
// parser and prints one JSON line per file: {file, error} when it does not
// parse, else {file, type, vertices: [{id, text, shape}], edges: [{start,
// end, text, stroke}], classes: {id: [class...]}}. Texts are as the parser
// keeps them: entity codes become "ﬂ°°N¶ß" placeholders. pkg/draw's tests
// compare them with the labels they meant to write. Install with
// `npm ci` in this directory (see .ci/run).
import { readFile } from 'node:fs/promises';
import { JSDOM } from 'jsdom';

// mermaid sanitises labels with DOMPurify, which needs a DOM: give it one
// before mermaid is loaded.
globalThis.window = new JSDOM('').window;
const { default: mermaid } = await import('mermaid');

for (const file of process.argv.slice(2)) {
  const text = await readFile(file, 'utf8');
  const out = { file };
  try {
    const r = await mermaid.parse(text);
    out.type = r.diagramType;
    const d = await mermaid.mermaidAPI.getDiagramFromText(text);
    out.vertices = [...d.db.getVertices().values()].map((v) => ({
      id: v.id, text: v.text, shape: v.type, classes: v.classes,
    }));
    out.edges = d.db.getEdges().map((e) => ({
      start: e.start, end: e.end, text: e.text, stroke: e.stroke,
    }));
  } catch (e) {
    out.error = String(e?.message ?? e);
  }
  console.log(JSON.stringify(out));
}
