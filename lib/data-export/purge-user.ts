import { Types } from 'mongoose';
import { connectDb } from '@/lib/db/connection';
import { deleteExportFiles, exportFileName } from './export-files';
import { DataExportModel } from './model';

/** An account removed for good: its exports (files first, then records) go with it. */
export async function purgeDataExportsOf(userId: string): Promise<void> {
  await connectDb();
  const owner = new Types.ObjectId(userId);
  const rows = await DataExportModel.find({ userId: owner }, { _id: 1 }).lean();
  await deleteExportFiles(rows.map((row) => exportFileName(row._id.toString())));
  await DataExportModel.deleteMany({ userId: owner });
}
