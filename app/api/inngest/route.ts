import { jobsHandler } from '@/lib/jobs/runtime';

export const dynamic = 'force-dynamic';

const handler = jobsHandler();

export const GET = handler.GET;
export const POST = handler.POST;
export const PUT = handler.PUT;
