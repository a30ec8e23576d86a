import { useEffect, useState, type ReactNode } from 'react';
import { useConnection } from '../../connection/connection-provider';
import { Progress } from '../../components/spinner';
import { ClassResults } from '../../study/components/class-results';
import { ExamSet } from '../../study/components/exam-set';
import { StudyPage } from '../../study/components/study-page';
import type { Question } from '../../study/schema';
import { loadBank } from '../bank';

function useBank(): Question[] | undefined {
  const [bank, setBank] = useState<Question[] | undefined>();
  useEffect(() => {
    let live = true;
    void loadBank().then((b) => {
      if (live) setBank(b);
    });
    return () => {
      live = false;
    };
  }, []);
  return bank;
}

function WithBank({ children }: { children: (bank: Question[]) => ReactNode }) {
  const bank = useBank();
  return bank ? <>{children(bank)}</> : <Progress label="Loading the questions…" />;
}

export function StudyRoute() {
  const connection = useConnection();
  return <WithBank>{(bank) => <StudyPage questions={bank} connection={connection} />}</WithBank>;
}

export function ExamRoute() {
  return <WithBank>{(bank) => <ExamSet questions={bank} />}</WithBank>;
}

export function ClassRoute() {
  return <WithBank>{(bank) => <ClassResults questions={bank} />}</WithBank>;
}
