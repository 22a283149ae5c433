// scratch exploration
import fs from 'node:fs';
import path from 'node:path';
import { getNlp } from '../src/segment/segment.js';
const dir = '../shared/data/polnear/train';
const nlp = getNlp(); const its = nlp.its;
const cueCount = new Map<string, number>();
const multi = new Map<string, number>();
const texts = fs.readdirSync(path.join(dir,'text'));
let n=0;
for (const f of fs.readdirSync(path.join(dir,'attributions'))) {
  const ann = fs.readFileSync(path.join(dir,'attributions',f),'utf8');
  for (const line of ann.split('\n')) {
    const parts = line.split('\t'); if (parts.length<3) continue;
    const [id, info, txt] = parts; if (!info!.startsWith('Cue ')) continue;
    const key = txt!.toLowerCase();
    const words = key.split(/\s+/);
    if (words.length===1) cueCount.set(key,(cueCount.get(key)??0)+1); else multi.set(key,(multi.get(key)??0)+1);
  }
}
const top=[...cueCount].sort((a,b)=>b[1]-a[1]).slice(0,150); console.log(top.map(x=>x.join(':')).join(' '));
console.log([...multi].sort((a,b)=>b[1]-a[1]).slice(0,80).map(x=>x.join(':')).join(' | '));
