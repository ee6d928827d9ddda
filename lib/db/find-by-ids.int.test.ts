import mongoose, { Schema, Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { createRequestContext, runWithRequestContext } from '@/lib/request/context';
import { setUpTestStores } from '@/lib/testing/stores';
import { connectDb } from './connection';
import { findByIds } from './find-by-ids';

setUpTestStores();

const NoteModel = mongoose.model<{ text: string }>(
  'FindByIdsNote',
  new Schema<{ text: string }>({ text: { type: String, required: true } }),
);

describe('documents by their ids', () => {
  it('finds each once, leaves out missing and malformed ids, and takes a projection', async () => {
    await connectDb();
    const notes = await NoteModel.insertMany([{ text: 'a' }, { text: 'b' }, { text: 'c' }]);
    const [a, b] = notes.map((note) => note._id.toString());
    const found = await findByIds(NoteModel, [a!, b!, a!, new Types.ObjectId().toString(), 'x']);
    expect(found.map((row) => row.text).sort()).toEqual(['a', 'b']);
    const projected = await findByIds(NoteModel, [a!], { _id: 1 });
    expect(projected).toEqual([{ _id: notes[0]!._id }]);
    expect(await findByIds(NoteModel, [])).toEqual([]);
  });

  it('reads a handful one id at a time (each pushed down to the database), many in one $in', async () => {
    await connectDb();
    const notes = await NoteModel.insertMany(
      Array.from({ length: 70 }, (_, index) => ({ text: `n${index}` })),
    );
    const ids = notes.map((note) => note._id.toString());
    const commands = async (some: string[]) => {
      const context = createRequestContext('find-by-ids');
      const rows = await runWithRequestContext(context, () => findByIds(NoteModel, some));
      expect(rows).toHaveLength(some.length);
      return context.mongo.commands;
    };
    expect(await commands(ids.slice(0, 10))).toBe(10);
    expect(await commands(ids)).toBe(1);
  });
});
