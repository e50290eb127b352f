import { CaseWorkerSession } from './entities/case-worker-session.entity.js';
import { CaseWorker } from './entities/case-worker.entity.js';
import { RecognitionCaseFile } from './entities/recognition-case-file.entity.js';
import { RecognitionCaseMessage } from './entities/recognition-case-message.entity.js';
import { RecognitionCase } from './entities/recognition-case.entity.js';

export const RECOGNITION_CASES_ENTITIES = [
  RecognitionCase,
  RecognitionCaseMessage,
  RecognitionCaseFile,
  CaseWorker,
  CaseWorkerSession,
];
