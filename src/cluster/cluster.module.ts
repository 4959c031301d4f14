import { Global, Module } from '@nestjs/common';
import { WriterLink } from './writer-link';
import { WriterOperations } from './writer-operations';

/** Global so a module can hand a write to the writer process (WriterLink) or take one (WriterOperations). */
@Global()
@Module({ providers: [WriterLink, WriterOperations], exports: [WriterLink, WriterOperations] })
export class ClusterModule {}
