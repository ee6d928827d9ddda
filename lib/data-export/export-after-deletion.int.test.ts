import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { setUpTestStores } from '@/lib/testing/stores';
import { makeUser } from '@/lib/testing/users';
import { gridFsBucket } from '@/lib/media/media-store';
import { UserModel } from '@/lib/users/user-model';
import { buildExportZip } from './build-export';
import { EXPORTS_BUCKET, exportFileName } from './export-files';
import { markExportReady } from './finish-export';
import { DataExportModel } from './model';
import { purgeDataExportsOf } from './purge-user';

setUpTestStores();

async function storedFiles(exportId: string): Promise<number> {
  const bucket = await gridFsBucket(EXPORTS_BUCKET);
  return (await bucket.find({ filename: exportFileName(exportId) }).toArray()).length;
}

async function preparing(userId: string): Promise<string> {
  const id = new Types.ObjectId();
  await DataExportModel.create({
    _id: id,
    userId: new Types.ObjectId(userId),
    status: 'preparing',
    requestedAt: new Date(),
  });
  return id.toString();
}

describe('a data export racing its owner’s account deletion', () => {
  it('a zip finished after the deletion purged the exports is not left behind', async () => {
    const person = await makeUser('exportdel');
    const exportId = await preparing(person.id);
    // The build job's first step: the zip is written while the account still stands.
    const built = await buildExportZip(exportId);
    if (!built.built) throw new Error(JSON.stringify(built));
    // Meanwhile: "Delete account", and the deletion job purged the exports while the zip was
    // still being written (GridFS lists a file only once its upload ends): the purge deleted the
    // record and found no file to delete.
    await UserModel.updateOne({ _id: person.id }, { $set: { deletedAt: new Date() } });
    const bucket = await gridFsBucket(EXPORTS_BUCKET);
    const [file] = await bucket.find({ filename: built.fileName }).toArray();
    await bucket.rename(file!._id, 'still-uploading');
    await purgeDataExportsOf(person.id);
    await bucket.rename(file!._id, built.fileName);
    expect(await storedFiles(exportId)).toBe(1);
    // The build job's next step finds no export to mark ready...
    expect(await markExportReady(exportId, built.fileName, built.size)).toBeNull();
    // ...and nothing of the deleted person's data stays stored.
    expect(await storedFiles(exportId)).toBe(0);
  });

  it('is not marked ready (and its zip goes) once the account is marked deleted', async () => {
    const person = await makeUser('exportdel');
    const exportId = await preparing(person.id);
    const built = await buildExportZip(exportId);
    if (!built.built) throw new Error(JSON.stringify(built));
    await UserModel.updateOne({ _id: person.id }, { $set: { deletedAt: new Date() } });
    expect(await markExportReady(exportId, built.fileName, built.size)).toBeNull();
    expect(await storedFiles(exportId)).toBe(0);
  });

  it('builds nothing for an account marked deleted', async () => {
    const person = await makeUser('exportdel');
    const exportId = await preparing(person.id);
    await UserModel.updateOne({ _id: person.id }, { $set: { deletedAt: new Date() } });
    expect(await buildExportZip(exportId)).toMatchObject({ built: false });
    expect(await storedFiles(exportId)).toBe(0);
  });
});
