import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

// One schema for every course page; a wrong field fails `astro build` naming the file.
const coursePage = z
  .object({
    number: z.number().int().nonnegative(),
    title: z.string().min(1),
    kind: z.enum(['lecture', 'workshop']),
    summary: z.string().min(1),
    lang: z.string().optional(),
  })
  .strict();

export const collections = {
  lectures: defineCollection({
    loader: glob({ pattern: '**/*.mdx', base: './content/lectures' }),
    schema: coursePage.extend({ kind: z.literal('lecture') }),
  }),
  workshops: defineCollection({
    loader: glob({ pattern: '**/*.mdx', base: './content/workshops' }),
    schema: coursePage.extend({ kind: z.literal('workshop') }),
  }),
};
