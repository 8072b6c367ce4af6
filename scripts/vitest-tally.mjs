// A vitest reporter that counts what the closing line reports: passed tests, and as failures
// every failed test, every test file that failed without a failed test (it did not load, or a
// hook threw) and every unhandled error. Written to the file named by KEYGUARD_TALLY_FILE.
import { writeFileSync } from 'node:fs';

export default class TallyReporter {
  onTestRunEnd(testModules, unhandledErrors, reason) {
    let passed = 0;
    let failedTests = 0;
    let failedFiles = 0;
    const problems = [];
    for (const module of testModules) {
      let failedHere = 0;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed += 1;
        else if (state === 'failed') failedHere += 1;
      }
      failedTests += failedHere;
      if (failedHere === 0 && (module.state() === 'failed' || module.errors().length > 0)) {
        failedFiles += 1;
        problems.push(`test file failed: ${module.moduleId}`);
      }
    }
    for (const error of unhandledErrors) problems.push(`unhandled error: ${String(error.message ?? error).split('\n')[0]}`);
    if (reason === 'interrupted') problems.push('the run was interrupted');
    const failed = failedTests + failedFiles + unhandledErrors.length + (reason === 'interrupted' ? 1 : 0);
    const file = process.env.KEYGUARD_TALLY_FILE;
    if (file) writeFileSync(file, JSON.stringify({ passed, failed, problems }));
  }
}
