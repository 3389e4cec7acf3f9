/**
 * The zero-config contract on every document in ../shared/specs/**, present
 * and future, with no per-file code (walk-support.ts says what each one goes
 * through). `TRIGEN_WALK_DIR=<folder>` walks that folder instead (documents
 * from npm packages, say), in a build folder of its own (walks of two folders
 * can run side by side).
 */
import { basename, join, resolve } from 'node:path';
import { sharedDir } from '../support/shared.js';
import { walkDocuments } from './walk-support.js';

const specsDir = process.env.TRIGEN_WALK_DIR ? resolve(process.env.TRIGEN_WALK_DIR) : join(sharedDir, 'specs');

walkDocuments('every shared document: import ⇒ generate ⇒ build ⇒ use, with no config', specsDir, [specsDir], process.env.TRIGEN_WALK_DIR ? 1 : 11, process.env.TRIGEN_WALK_DIR ? `test-walk-${basename(specsDir)}` : 'test-walk');
