import { labs } from '../labs';
import { PanelBoundary } from '../panel-boundary';
import { StartOverview } from './start-overview';

const steps = [
  { title: 'Run real SDK calls', text: 'Every panel calls the AWS SDK for JavaScript v3. On the sandbox the calls stay in this page: no account, no cost.' },
  { title: 'See what consoles hide', text: 'The inspector shows each call on the wire, with the same call as an AWS CLI command, boto3 and JavaScript code.' },
  { title: 'Drill the exam traps', text: 'Each lab has questions beside it, including “predict, then run” questions graded by what AWS actually answers.' },
];

/** The start page: what the lab is, the labs in guide order, and the tools. */
export function StartPage() {
  return (
    <div className="flex max-w-5xl flex-col gap-8">
      <section aria-labelledby="start-title" className="flex flex-col gap-3">
        <h1 id="start-title" className="text-4xl font-bold tracking-tight">
          Learn AWS KMS by calling it
        </h1>
        <p className="max-w-3xl text-lg text-muted">
          A hands-on lab for the AWS Certified Developer – Associate exam (DVA-C02), Domain 2 Security, Task 2: implement encryption by using AWS
          services. It runs on an embedded AWS sandbox by default, and can point at your own account.
        </p>
      </section>

      <section aria-labelledby="labs-title" className="flex flex-col gap-3">
        <h2 id="labs-title" className="text-2xl font-semibold">
          The labs
        </h2>
        <ol className="grid gap-4 md:grid-cols-2">
          {labs.map((lab, i) => (
            <li key={lab.id}>
              <a
                href={`#/labs/${lab.id}`}
                className="flex h-full flex-col gap-2 rounded-xl border border-line bg-surface p-5 transition hover:border-accent hover:shadow-md"
              >
                <span className="text-sm font-semibold text-accent">Lab {i + 1}</span>
                <span className="text-xl font-semibold">{lab.title}</span>
                <span className="text-muted">{lab.summary}</span>
              </a>
            </li>
          ))}
        </ol>
      </section>

      <PanelBoundary name="your study progress">
        <StartOverview />
      </PanelBoundary>

      <section aria-labelledby="how-title" className="flex flex-col gap-3">
        <h2 id="how-title" className="text-2xl font-semibold">
          How it works
        </h2>
        <ul className="grid gap-4 md:grid-cols-3">
          {steps.map((s) => (
            <li key={s.title} className="rounded-xl border border-line bg-surface p-5">
              <h3 className="font-semibold">{s.title}</h3>
              <p className="mt-1 text-muted">{s.text}</p>
            </li>
          ))}
        </ul>
        <p className="text-muted">
          Read every call KMS recorded on the <a className="text-fg underline underline-offset-2" href="#/trail">audit trail</a>, or choose another
          backend in the <a className="text-fg underline underline-offset-2" href="#/settings">settings</a>.
        </p>
      </section>
    </div>
  );
}
