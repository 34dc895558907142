-- Demo content for `quire init --demo`.
-- Runs once, after the migrations, on an empty database, inside a transaction.
-- All text is original sample content; names, places and addresses are fictional.
-- Times are Unix seconds, UTC.

-- Site settings
INSERT INTO settings (key, value) VALUES ('title', 'Notes from the Margin');
INSERT INTO settings (key, value) VALUES ('subtitle', 'Unhurried commentary on technology, cities, books and the way we work.');
INSERT INTO settings (key, value) VALUES ('base_url', '');
INSERT INTO settings (key, value) VALUES ('author', 'Miriam Holloway');
INSERT INTO settings (key, value) VALUES ('contribute_note', 'Have an essay, a correction or a tip? This is a small publication with room for more voices -- see [how to contribute](/contribute) and send something our way.');
INSERT INTO settings (key, value) VALUES ('disclaimer', '**The opinions on this site are the author''s own.** Everything published on *Notes from the Margin* reflects the personal views of Miriam Holloway or of the credited guest author at the time of writing. Nothing here represents the views of any current or former employer, client, publisher, university, professional body or other organisation with which any author is or has been associated, and no such organisation has reviewed or approved the content.

**This is not professional advice.** The articles are commentary, written for general interest and discussion. They are not legal, financial, investment, tax, medical, engineering, security or other professional advice, and they should not be relied upon as such. Code samples, figures and step-by-step notes are illustrations, not tested recipes for your systems. Before you act on anything you read here, consult a suitably qualified professional who knows your circumstances. Reading this site does not create any professional, advisory or client relationship between you and any author.

**No warranty.** The content is provided "as is" and "as available", without warranty of any kind, express or implied, including but not limited to warranties of accuracy, completeness, timeliness, merchantability, fitness for a particular purpose or non-infringement. Facts change, prices move, software is updated and laws are amended; an article that was accurate on the day it was published may not be accurate today. Each article shows its publication date so that you can judge how current it is likely to be.

**External links.** Articles link to websites, documents and services run by other people. Those links are offered for convenience and context only. We do not control, endorse or take responsibility for the content, availability, privacy practices or security of any external site, and a link is not a recommendation of the people or organisations behind it. Pages move and change without notice; if you find a broken or misleading link, please let us know.

**Corrections.** We try hard to get things right and we fix mistakes openly. When a factual error is found, the article is corrected and, where the change is more than a typo, a short note at the end of the article says what changed and when. We do not silently rewrite arguments after the fact. To report an error, follow the instructions on the [Contribute](/contribute) page.

**Copyright and licence.** Unless stated otherwise, the text of each article is copyright of its author. You may quote short passages with attribution and a link back to the original article. Images are credited where they appear and remain the property of their owners; code samples may be reused freely, without restriction. Guest contributors keep the copyright in their own work and grant this site a non-exclusive licence to publish it.

**Limitation of liability.** To the fullest extent permitted by applicable law, the authors and the operators of this site will not be liable for any loss or damage of any kind -- direct, indirect, incidental, consequential or otherwise -- arising from your use of, or reliance on, anything published here or on any linked site. Some jurisdictions do not allow certain limitations of liability, in which case the limitation applies only to the extent the law permits.

**Changes to this notice.** This disclaimer may be updated from time to time. The version shown on this page is the one that applies. By continuing to read the site you accept the terms set out above.');
INSERT INTO settings (key, value) VALUES ('per_page', '10');

-- Static pages
INSERT INTO pages (slug, title, status, created_at, updated_at, body) VALUES (
  'about', 'About', 'published', CAST(strftime('%s','2021-01-04 10:00:00') AS INTEGER), CAST(strftime('%s','2024-06-03 18:20:00') AS INTEGER),
'*Notes from the Margin* is a one-person commentary blog about technology, cities, books, work, media and the occasional piece of science that refuses to leave me alone. It started in January 2021, when everything had moved online and it seemed worth having one small corner of the web that moved a little more slowly.

I''m **Miriam Holloway**. By day I work on software that nobody outside my team ever sees; by evening I read too much, walk too far and take notes in the margins of both. This site is where the notes end up once they''ve grown into sentences.

## What to expect

- Essays of a few hundred words, published when they''re ready rather than on a schedule.
- Opinions held with reasonable confidence and revised in public when I''m wrong.
- No tracking, no pop-ups, no comment section (I''ve [explained why](/2023/04/why-no-comments)).

## Guest writers

Now and then another writer''s piece appears here under their own name. Guest authors keep their voice and their copyright; I only edit for length and typos. If you''d like to be one of them, read the [Contribute](/contribute) page.

## Colophon

The site runs on a small blog engine that keeps everything -- articles, pages and settings -- in a single SQLite file. The whole thing fits comfortably on a USB stick, which I find oddly reassuring.
');

INSERT INTO pages (slug, title, status, created_at, updated_at, body) VALUES (
  'contribute', 'Contribute', 'published', CAST(strftime('%s','2021-01-04 10:30:00') AS INTEGER), CAST(strftime('%s','2023-09-01 08:45:00') AS INTEGER),
'This is a small publication, but it doesn''t have to be a one-voice one. There are three ways to help, and all of them go through the same inbox: [submissions@example.org](mailto:submissions@example.org).

## Essays

I publish a handful of guest essays each year. A good pitch is short:

1. A working title.
2. Two or three sentences on the argument -- what you think, and why a reader should care.
3. A link to something else you''ve written, if you have one.

There''s a longer style guide at <https://example.org/style-guide>, but don''t let it put you off. Finished drafts are welcome too. Aim for 400 to 1,200 words in plain text or Markdown. Please don''t send anything that has already appeared elsewhere. Guest authors keep the copyright in their work and are credited by name on the article.

## Corrections

If I''ve got a fact wrong, I want to know. Send the article''s address, the sentence in question and, if you can, a source. Corrections are made openly: the article is fixed and a short note at the end says what changed.

## Tips

Seen something that belongs here? A strange municipal decision, a book nobody is talking about, a bug with a good story behind it? Send it along. Tips are read with gratitude and never published with your name unless you ask.

---

I read everything, but I can''t always reply quickly. If you haven''t heard back in two weeks, a gentle nudge is perfectly fine.
');

-- Articles
INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'why-start-a-blog-now',
  'Why Start a Blog Now?',
  '',
  'A first post, and a case for writing things down somewhere that isn''t a feed.',
  'published', CAST(strftime('%s','2021-01-11 09:00:00') AS INTEGER), CAST(strftime('%s','2021-01-11 09:00:00') AS INTEGER), CAST(strftime('%s','2021-01-11 09:00:00') AS INTEGER),
'Everyone I know spent last year online. Meetings, birthdays, school, the pub quiz -- all of it squeezed through the same glowing rectangle. So it''s fair to ask why anyone would respond to that by opening *another* window and typing into it.

My answer is that a feed and a blog are different kinds of place. A feed is a river: things rush past, and whatever you said yesterday is already downstream. A blog is more like a shelf. You put something on it, and it stays there, and next year you can take it down and see whether it has aged well or badly.

## What this will be

This site is a place for **commentary**: short essays about technology, cities, books, work and media, written by someone who has opinions about all of them and expertise in only one or two. I''ll try to be clear about which is which.

There won''t be a schedule. When a piece is ready, it goes up. When it isn''t, it waits.

## What this won''t be

It won''t be a newsletter, it won''t have a comment section, and it won''t try to sell you anything. If you want to get in touch, there''s a page for that. If you want to follow along, the feed is at the usual address, and the front page is at <https://example.org>.

So: hello. Pull up a chair.\
The kettle is on.\
Let''s see what this turns into...
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-quiet-virtue-of-boring-technology',
  'The Quiet Virtue of Boring Technology',
  '',
  'The best technology is the kind you **never have to think about** -- a defence of the dull, the proven and the well understood.',
  'published', CAST(strftime('%s','2021-02-03 19:30:00') AS INTEGER), CAST(strftime('%s','2021-02-03 19:30:00') AS INTEGER), CAST(strftime('%s','2021-02-05 08:10:00') AS INTEGER),
'Every few months a colleague shows me a new tool that will "change everything", and every few months I nod politely and go back to the tools I already understand. This is not because I''m incurious. It''s because I''ve learned that the most valuable property a piece of technology can have is that nobody needs to think about it.

## Boring is a feature

A boring tool has three things going for it:

- **It has been debugged by other people.** Years of users have already hit the strange edge cases, written them up and, with luck, fixed them.
- **Its failure modes are known.** When it breaks, a search for the error message returns a hundred answers instead of zero.
- **It leaves you attention for the actual problem.** Nobody ever shipped a product because their build system was exciting.

The engineer Dan McKinley made a version of this argument years ago under the name [choose boring technology][boring], and it has held up remarkably well. The idea is that every team has a small number of "innovation tokens" to spend, and spending them on infrastructure means not spending them on the thing customers care about.

## A small example

This entire site is backed up by a script that is barely longer than its own comment:

```sh
#!/bin/sh
# Copy the database somewhere safe, with the date in the name.
set -eu
stamp=$(date -u +%Y-%m-%d)
sqlite3 site.db ".backup ''backups/site-$stamp.db''"
find backups -name ''site-*.db'' -mtime +30 -delete
```

It is not clever. It has run every night for months without my thinking about it once, which is exactly the point.

---

*Update, 5 February:* several readers pointed out that `find -delete` isn''t available on every system. True -- but it is on mine, and that''s the boring kind of trade-off I''m happy to make.

[boring]: https://example.org/essays/choose-boring-technology
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'what-the-library-knew',
  'What the Library Knew',
  '',
  '',
  'published', CAST(strftime('%s','2021-02-22 12:15:00') AS INTEGER), CAST(strftime('%s','2021-02-22 12:15:00') AS INTEGER), CAST(strftime('%s','2021-02-22 12:15:00') AS INTEGER),
'When the libraries closed last spring, I didn''t realise how much of my week had been organised around one. Not the borrowing, exactly -- I own more unread books than I''d like to admit -- but the building. The radiators. The man who did the crossword in pen at the same table every Tuesday.

![Rows of library shelves in soft afternoon light](https://picsum.photos/seed/library-shelves/800/400)

A library is one of the few places left where you are allowed to simply *be* without buying anything. That sounds like a small thing until it''s gone.

## The catalogue as a worldview

I spent some of lockdown reading about how libraries decide where books go. The [Dewey Decimal Classification](https://en.wikipedia.org/wiki/Dewey_Decimal_Classification) is more than a century old, and it shows: whole continents of human thought are squeezed into a couple of numbers while others get generous room to sprawl. Every classification system is an argument about what matters, written in the form of a filing rule.

> A library catalogue is a map, and like every map it quietly decides what counts as the edge of the world.

That''s not a reason to abandon catalogues. It''s a reason to read them the way you''d read any other text -- with attention to what''s been left out.

## What I''m looking forward to

When the doors reopen, I intend to:

1. Return the three books that have been on my desk since March.
2. Pay whatever fine the amnesty doesn''t cover, cheerfully.
3. Sit at a table I didn''t choose, next to a stranger, and read something I wouldn''t have found on my own.

The library knew something we''d forgotten: that a public room is a kind of infrastructure, and you only notice it when the lights go off.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'cities-and-the-cars-people-problem',
  'Cities & the Cars < People Problem',
  '',
  'Why so many streets are designed as if cars matter more than the people in them -- and what happens when a city changes the inequality.',
  'published', CAST(strftime('%s','2021-03-14 09:00:00') AS INTEGER), CAST(strftime('%s','2021-03-14 09:00:00') AS INTEGER), CAST(strftime('%s','2021-03-14 09:00:00') AS INTEGER),
'Stand on almost any main road in almost any city and do a quick count. How much of the space in front of you is reserved for moving or storing cars, and how much for people on foot? In most places the answer is something like three quarters to one quarter, even on streets where most of the people present are walking.

I think of this as the "cars > people" problem, or, reading it from the pedestrian''s point of view, the *cars < people* problem: the inequality runs the wrong way round.

![A wide street with a narrow pavement and a line of parked cars](https://picsum.photos/seed/city-street/800/400)

## How we got here

None of this happened by accident. Mid-century planners were solving a real problem -- congestion -- with the tools they had, which mostly meant widening roads. The trouble is a phenomenon traffic engineers call [induced demand](https://en.wikipedia.org/wiki/Induced_demand): add lanes, and the new capacity fills up with new trips within a few years.

## What changes when you flip it

Cities that have reallocated street space tend to report the same sequence of events:

1. Local businesses predict disaster.
2. The change goes ahead anyway, usually as a "temporary trial".
3. Foot traffic rises, and with it, takings.
4. Two years later, nobody can remember the argument.

This isn''t universal, and I don''t want to pretend that every pedestrianised street is a success. Some are windswept, empty and badly lit. But the failures usually have less to do with the absence of cars than with the absence of *reasons to be there*: shade, seats, doorways, something to look at.

The question I keep coming back to is a simple one. If you were designing this street from scratch, today, for the people who actually use it... would it look like this?
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'working-from-the-kitchen-table',
  'Notes on Working from the Kitchen Table',
  '',
  '',
  'published', CAST(strftime('%s','2021-04-19 08:00:00') AS INTEGER), CAST(strftime('%s','2021-04-19 08:00:00') AS INTEGER), CAST(strftime('%s','2021-04-19 08:00:00') AS INTEGER),
'It has now been a year since my "office" became a kitchen table with a laptop stand made of cookbooks. Here are some notes, in no particular order of importance, on what I''ve learned.

## The physical stuff

### Furniture

- A proper chair matters more than a proper desk.
- The cookbook stand works, but:
  - the ones with spiral bindings slide about;
  - the heavy baking book is the only one I can''t cook from anymore.
- Natural light is worth moving the whole setup for.

### Noise

Headphones helped. So did agreeing, with the other people in the house, on a signal that means "I am on a call -- please don''t ask me where the scissors are". Ours is a wooden spoon standing upright in the fruit bowl. It''s ridiculous, and it works.

## The mental stuff

### The missing commute

I didn''t enjoy my old commute, but it did something useful: it put forty minutes between "home" and "work". Without it, the two bled together. I now take a short walk around the block before starting and after finishing, which my neighbours must find puzzling.

### Ending the day

The hardest skill to learn was stopping. When the office is also the place where you eat dinner, there is no moment at which you naturally leave. My crude fix:

1. Write tomorrow''s first task on a sticky note.
2. Close every window on the laptop.
3. Put the laptop **in a drawer**.

Out of sight isn''t entirely out of mind, but it helps.

## What I''d keep

If offices reopen fully, I''d still keep the walks, the sticky note and the wooden spoon. I would not keep the cookbooks. They''d like to go back to being about food.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'a-short-defence-of-the-footnote',
  'A Short Defence of the Footnote',
  '',
  '',
  'published', CAST(strftime('%s','2021-05-30 16:45:00') AS INTEGER), CAST(strftime('%s','2021-05-30 16:45:00') AS INTEGER), CAST(strftime('%s','2021-05-30 16:45:00') AS INTEGER),
'Footnotes have a bad reputation. They are said to be fussy, academic, a place where writers hide the things they were too cowardly to say in the main text. I want to argue that the footnote is one of the great inventions of written prose, and that the web has been poorer for not quite knowing what to do with it.

## Two conversations at once

A footnote lets a writer carry on two conversations at once: the main one, addressed to everyone, and a quieter one, addressed to the reader who wants to check, argue or wander off. The historian Anthony Grafton wrote a [whole book][grafton] about this, and the short version is that footnotes are how scholarship shows its working.

Some novelists use them for jokes. Some use them to build a second, secret story underneath the first. Either way, the footnote assumes a reader who is *curious* rather than merely busy.

## On the web

Hyperlinks were supposed to replace footnotes, and in some ways they did. But a link is a door, and a footnote is a window: one takes you away, the other lets you look without leaving. When I read a page that says

> The figure was widely reported at the time.
>
> > *Which* figure? Reported by whom?

I want the inner voice in that second quote answered right there, not three clicks away.

## A note on notation

Markdown has no footnotes in its core specification, which is why you''ll see me use reference-style links instead. If you ever see a stray asterisk written as \*this\* or a literal \[1\] in my text, it''s because I''ve escaped it on purpose -- the backslash tells the renderer "I really do mean the character".

For more on the history, see the [Wikipedia article on notes][notes] or, better, go find an old annotated edition of anything and enjoy the view from the bottom of the page.

[grafton]: https://example.org/books/the-footnote-a-curious-history
[notes]: https://en.wikipedia.org/wiki/Note_(typography) "Note (typography)"
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'your-spreadsheet-is-a-database',
  'Why Your Spreadsheet Is a Database (and Why That''s Fine)',
  '',
  '',
  'published', CAST(strftime('%s','2021-07-08 10:20:00') AS INTEGER), CAST(strftime('%s','2021-07-08 10:20:00') AS INTEGER), CAST(strftime('%s','2021-07-09 07:55:00') AS INTEGER),
'Somewhere in every organisation there is a spreadsheet that runs the place. It has twelve tabs, three of them named "FINAL", and a column that only one person understands. Programmers like to sneer at these. I think we should sneer less and learn more.

## It''s already a database

A spreadsheet with a header row and one record per line is, structurally, a table. The people who build them have reinvented primary keys (the "ID" column), foreign keys (the `VLOOKUP` into another tab) and even crude views (the tab with filters on). They just didn''t use those words.

## Meeting it halfway

When a spreadsheet outgrows itself, the instinct is to replace it with a "proper system". Often a gentler step works better: keep the spreadsheet, but read it with a few lines of code so that the boring checks happen automatically.

```python
import csv

with open("members.csv", newline="") as f:
    rows = list(csv.DictReader(f))

seen = set()
for row in rows:
    email = row["email"].strip().lower()
    if email in seen:
        print("duplicate:", email)
    seen.add(email)

print(len(rows), "rows,", len(seen), "unique emails")
```

Nothing about this requires the person who maintains the sheet to change how they work. It just catches the duplicate that would otherwise have been found by an angry member in six months.

## When to actually move

Move when one of these becomes true:

- More than one person needs to edit it *at the same time*, and conflicts are costing real work.
- The file takes longer to open than it takes to make a cup of tea.
- Somebody has written `DO NOT SORT THIS COLUMN` in capital letters.

Until then, respect the spreadsheet. It is doing a job, and it was probably built by the only person who understood what the job was.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-weather-forecast-is-a-small-miracle',
  'The Weather Forecast Is a Small Miracle',
  '',
  'We grumble when the forecast is wrong, but the fact that it''s usually right is one of science''s quieter triumphs.',
  'published', CAST(strftime('%s','2021-08-17 07:30:00') AS INTEGER), CAST(strftime('%s','2021-08-17 07:30:00') AS INTEGER), CAST(strftime('%s','2021-08-17 07:30:00') AS INTEGER),
'It rained on my birthday picnic, despite a forecast that promised "sunny intervals". I complained about this at some length. Then, out of a slightly guilty curiosity, I went and read about how weather forecasts are actually made, and I''ve been apologising to meteorologists in my head ever since.

## A very short history

For most of history, forecasting was folklore. In the nineteenth century it became a matter of telegraphs: collect observations from many places at once, draw a map, and guess what happens next. The leap to modern forecasting came from [numerical weather prediction](https://en.wikipedia.org/wiki/Numerical_weather_prediction) -- treating the atmosphere as a fluid and solving its equations on a grid.

The first serious attempt, done by hand in the 1910s, took weeks to produce a six-hour forecast, and it was wrong. The idea was right, though. It just needed computers.

## Why it''s still hard

1. The atmosphere is **chaotic**: tiny differences in the starting conditions grow into large differences later.
2. We can''t measure everything, everywhere, all the time.
3. The grid is coarse, so anything smaller than a grid cell -- a single thunderstorm, say -- has to be approximated.

Modern forecasters deal with the first problem by running the model many times with slightly different starting points, an "ensemble", and reporting how much the runs agree. That''s what a percentage chance of rain really is.

---

Today a five-day forecast is roughly as good as a one-day forecast was a few decades ago. That is an astonishing, mostly invisible improvement. My picnic got wet. But the forecast said there was a 30% chance of that, and I chose to hear "sunny". That one''s on me.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'podcasts-radio-and-appointments',
  'Podcasts, Radio, and the Return of the Appointment',
  '',
  '',
  'published', CAST(strftime('%s','2021-10-05 20:00:00') AS INTEGER), CAST(strftime('%s','2021-10-05 20:00:00') AS INTEGER), CAST(strftime('%s','2021-10-05 20:00:00') AS INTEGER),
'For a while, the big promise of digital media was that you''d never have to be anywhere at a particular time again. Shows would wait for you. Everything would be "on demand". And for the most part that promise was kept -- I haven''t set an alarm to catch a programme in years.

So it''s interesting that the things people seem to enjoy most right now are, in a sense, *appointments*.

## The weekly ritual

The podcasts with the most devoted audiences tend to arrive on a fixed day. The newsletters people actually open arrive at the same hour every week. Live streams, watch-alongs and listening parties all depend on everyone being there at the same time. Even the group chat is busiest when a show airs.

> On-demand gave us control. The appointment gives us company.

I think that''s the heart of it. When you can watch anything at any time, you lose the small pleasure of knowing that thousands of other people are watching the same thing right now.

## Radio knew this all along

Radio never really left. The format that was supposed to be killed by streaming is still how millions of people start their morning, largely because it offers something the algorithm can''t: a human voice that is *live*, that knows what the weather is doing outside, and that might, at any moment, say something unscripted.

I don''t think we''ll go back to the days of planning evenings around a broadcast schedule. But I do think the smartest media of the next decade will rediscover the oldest trick in the book: give people a reason to show up at the same time as each other.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'trees-on-the-high-street',
  'Trees on the High Street',
  'Jonah Ferreira',
  'A guest essay on the humble street tree, and why it pays for itself several times over.',
  'published', CAST(strftime('%s','2021-11-23 11:00:00') AS INTEGER), CAST(strftime('%s','2021-11-23 11:00:00') AS INTEGER), CAST(strftime('%s','2021-11-23 11:00:00') AS INTEGER),
'*Jonah Ferreira is a landscape architect who has spent fifteen years arguing with highway departments about where trees may go. This is his first piece for the site.*

There is a moment, every autumn, when a high street planted with trees briefly becomes the most beautiful place in town. The leaves turn, the light goes gold, and even the chain shops look as if they''ve made an effort. Then the leaves fall, someone complains about slippery pavements, and the council receives a letter asking for the trees to be removed.

![A row of plane trees in autumn colour above a shopping street](https://picsum.photos/seed/street-trees/800/400)

## What a tree does for a street

Street trees are usually budgeted as decoration. They are much closer to infrastructure:

- **Shade.** On a hot day, the surface temperature under a mature canopy can be many degrees lower than in full sun.
- **Water.** Roots and soil absorb rain that would otherwise rush straight into the drains.
- **Speed.** Drivers tend to slow down on tree-lined streets, possibly because the road feels narrower.
- **Trade.** Shoppers linger where it is pleasant to linger.

## Why they''re hard to plant

The difficulty is almost never the tree. It''s what''s under the pavement: gas, water, electricity, fibre, and a hundred years of half-documented pipes. A single tree pit can take months of negotiation between utilities, and that''s before anyone has argued about species.

My advice to anyone campaigning for street trees is to start not with the tree but with the utility map. If you can find the gaps, you can find the places where a tree will actually survive.

And when the leaves fall, sweep them up. It''s a small price for a street that breathes.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'resolutions-are-roadmaps',
  'Resolutions Are Just Roadmaps With Better PR',
  '',
  '',
  'published', CAST(strftime('%s','2022-01-10 08:30:00') AS INTEGER), CAST(strftime('%s','2022-01-10 08:30:00') AS INTEGER), CAST(strftime('%s','2022-01-10 08:30:00') AS INTEGER),
'At work, I spend a fair amount of time looking at product roadmaps. At home, in January, I spend a fair amount of time looking at my own New Year''s resolutions. It took me an embarrassingly long time to notice that they''re the same document, and that they fail for the same reasons.

## The shared failure modes

A roadmap and a resolution both tend to:

- list *outcomes* ("launch the new dashboard", "get fit") rather than the habits that would produce them;
- assume that next year''s version of you will have more time and energy than this year''s;
- contain far too many items, because deciding what to leave out is painful.

## What actually helps

The product teams I''ve seen succeed do something slightly boring. They pick **one or two** things, break them into pieces small enough to finish in a week, and review progress often enough that drifting is noticed early. It turns out this works for people, too.

So this year, my resolution list has exactly one line on it:

    Write for thirty minutes before opening email.

That''s it. No word-count target, no publication schedule, no promise to finish the novel. If it survives until March, I''ll consider adding a second line.

## A note on failure

Most resolutions are abandoned by mid-February, and most roadmaps are quietly rewritten by the second quarter. That''s not a scandal; it''s information. A plan that changes in response to reality is working as intended. The only truly failed plan is the one nobody looks at again.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'on-reading-slowly',
  'On Reading Slowly',
  '',
  'Speed-reading promises more books per year; slow reading promises that you''ll remember one of them.',
  'published', CAST(strftime('%s','2022-02-14 21:00:00') AS INTEGER), CAST(strftime('%s','2022-02-14 21:00:00') AS INTEGER), CAST(strftime('%s','2022-02-14 21:00:00') AS INTEGER),
'Every January, my feeds fill with people announcing how many books they read last year. Sixty. A hundred. Two hundred and twelve. I''m always impressed and, if I''m honest, slightly suspicious. Not that they''re lying, but that something is being counted that isn''t quite *reading*.

## What gets lost at speed

There''s a style of reading that treats a book as a container of information to be extracted as efficiently as possible. For some books -- manuals, reports, most business books -- that''s exactly right. But for anything with a voice, speed flattens it. You get the plot and lose the sentences.

A friend who teaches literature put it to me like this:

> I tell my students the first reading is for finding out what happens. The second is for finding out how.
>
> > And the third, if you''re lucky, is for finding out why you care.

## Some habits that help

1. Read with a pencil. Not to annotate heavily, just to slow the hand down.
2. Read the first chapter twice before going on.
3. When a sentence is good, stop and read it aloud. Yes, even on the train (quietly).
4. Keep a list of books you''ve *re*-read. It''s a better measure than the other list.

## The count that matters

I read twenty-three books last year. I remember something specific about nineteen of them, and I''ve re-read two. I''d rather raise that second number than the first.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'pi-day-and-other-excuses',
  'Pi Day, and Other Excuses to Talk About Numbers',
  '',
  '',
  'published', CAST(strftime('%s','2022-03-14 09:00:00') AS INTEGER), CAST(strftime('%s','2022-03-14 09:00:00') AS INTEGER), CAST(strftime('%s','2022-03-14 09:00:00') AS INTEGER),
'Today is the fourteenth of March, which in the month-first date format reads as 3.14, and so a certain kind of person -- my kind -- celebrates [Pi Day](https://en.wikipedia.org/wiki/Pi_Day). There is pie. There are bad jokes. There is, every year, an argument about whether the day should really be the 22nd of July, because 22/7 is a better approximation than 3.14.

## Computing it yourself

My favourite way to mark the occasion is to calculate pi very badly. The [Leibniz series](https://en.wikipedia.org/wiki/Leibniz_formula_for_%CF%80) says that pi divided by four equals 1 - 1/3 + 1/5 - 1/7 + ... and so on forever. It is gorgeous and almost useless, because it converges painfully slowly:

```python
def leibniz(terms):
    total = 0.0
    for k in range(terms):
        total += (-1) ** k / (2 * k + 1)
    return 4 * total

for n in (10, 1_000, 100_000):
    print(n, leibniz(n))
```

Ten terms get you 3.04. A hundred thousand terms get you five correct decimal places. There are far better methods, but none of them are as easy to remember.

## Why bother?

Because numbers like pi are a reminder that some of the strangest facts in the universe are also the most ordinary. Every circle you have ever seen -- every plate, every wheel, every ripple in a puddle -- obeys a ratio that can never be written down in full. That''s worth a slice of pie, once a year.

---

**Other excellent number days**, for the calendar:

- 2 February, for anyone who likes palindromic dates.
- 28 June, "Tau Day", for people who think pi is the wrong constant.
- 23 October, for chemists and [Avogadro''s number](https://en.wikipedia.org/wiki/Avogadro_constant).
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-meeting-that-should-have-been-a-document',
  'The Meeting That Should Have Been a Document',
  '',
  '',
  'published', CAST(strftime('%s','2022-03-28 13:10:00') AS INTEGER), CAST(strftime('%s','2022-03-28 13:10:00') AS INTEGER), CAST(strftime('%s','2022-03-28 13:10:00') AS INTEGER),
'We''ve all sat through the meeting that should have been an email. I want to talk about its close cousin: the meeting that should have been a **document** -- something longer and more careful than an email, written before anyone gathers, so that the meeting itself can be short or can disappear entirely.

## Symptoms

You might be in one of these meetings if:

- the first twenty minutes are someone reading slides aloud;
- half the questions are "sorry, can you go back a slide?";
- the decision is postponed because "we need more time to digest this".

All three are signs that the information should have arrived *before* the meeting, in a form people could read at their own speed.

## The alternative

Some organisations run on [written proposals](https://example.org/guides/writing-proposals): a few pages describing the problem, the options and a recommendation, circulated a day or two ahead. The meeting, if there is one, starts with the assumption that everyone has read it. A good template is short:

1. **Context** -- what''s going on, in a paragraph.
2. **Problem** -- what specifically needs deciding.
3. **Options** -- at least two, including "do nothing".
4. **Recommendation** -- and why.
5. **Open questions** -- what the author doesn''t know.

Writing this takes longer than making slides. Reading it takes less time than watching them. And the document survives the meeting: six months later, when someone asks "why did we decide that?", the answer is written down.

## The catch

Writing is a skill, and not everyone on a team has it in equal measure. A culture of documents can quietly favour the fluent writers over the people with the best ideas. The fix is to edit each other generously and to judge the *thinking*, not the prose.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'what-a-bus-map-teaches-about-design',
  'What a Bus Map Teaches You About Design',
  '',
  '',
  'published', CAST(strftime('%s','2022-05-09 09:45:00') AS INTEGER), CAST(strftime('%s','2022-05-09 09:45:00') AS INTEGER), CAST(strftime('%s','2022-05-09 09:45:00') AS INTEGER),
'I have a soft spot for transit maps. Not the famous metro diagrams -- those get plenty of love -- but the humble bus map, the one pinned to the shelter that you squint at while the rain comes in sideways.

![A colourful schematic transit map on a bus shelter wall](https://picsum.photos/seed/bus-map/800/400)

Bus maps are hard. A metro network has a few dozen lines and a few hundred stations. A city bus network might have hundreds of routes crossing thousands of stops, most of them on streets that don''t follow any neat geometry. Trying to show all of it at once produces something that looks like a plate of spaghetti dropped on a street plan.

## Lessons from the shelter

The best bus maps I''ve seen make a few brave decisions:

1. **They leave things out.** Night routes, school routes and rarely-run variants go on a separate map.
2. **They show frequency, not just routes.** A thick line means "turn up and go"; a thin one means "check the timetable".
3. **They answer the question people actually have**, which is usually "where can I get to from *here*?", not "what does the whole network look like?".

## The general lesson

Most design problems are bus-map problems in disguise. A settings page, a dashboard, a form -- each of them is tempted to show everything, because everything is technically true. The good ones pick a question and answer it clearly, and trust the user to go looking for the rest.

If you want to see this principle done well, spend an afternoon looking at [transit map design](https://en.wikipedia.org/wiki/Transit_map) from around the world. Then go back and look at your own work, and ask which lines you could make thinner.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'longest-day-shortest-attention-span',
  'The Longest Day and the Shortest Attention Span',
  '',
  '',
  'published', CAST(strftime('%s','2022-06-21 21:30:00') AS INTEGER), CAST(strftime('%s','2022-06-21 21:30:00') AS INTEGER), CAST(strftime('%s','2022-06-21 21:30:00') AS INTEGER),
'It''s the summer solstice, the longest day of the year in the northern hemisphere, and I have spent a truly alarming portion of it looking at a screen the size of a playing card.

I don''t say this to confess -- everyone does it -- but because the contrast struck me. Outside, roughly seventeen hours of daylight. Inside my hand, a stream of content engineered to last about seven seconds each.

## A small experiment

This evening I tried something. I put the phone in another room and sat outside until it got dark. Here is roughly what happened:

- The first ten minutes were *awful*. My hand kept reaching for a pocket that was empty.
- After twenty minutes, I noticed the swifts.
- After forty, I''d had three ideas for essays and one for dinner.
- At about ten o''clock, the light finally went, and I went inside feeling like I''d been somewhere.

None of this is original. People have been recommending sunsets for a long time. But I find it useful to re-learn, every so often, that my attention isn''t actually short; it''s just been *rented out*.

## The economics of a glance

The business model behind most of what''s on my phone depends on interrupting me as often as possible, because each interruption is a chance to show an advertisement. That''s not a conspiracy; it''s a spreadsheet. But it does mean the natural resting state of the device is "demanding something".

Tonight, for a few hours, I demanded something back. It was a good trade. The solstice seems like a fitting day to make it -- the one day of the year when there''s more light than anyone knows what to do with.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'a-field-guide-to-error-messages',
  'A Field Guide to Error Messages',
  '',
  'Error messages are the most-read documentation any program has. Most of them are terrible.',
  'published', CAST(strftime('%s','2022-08-02 10:00:00') AS INTEGER), CAST(strftime('%s','2022-08-02 10:00:00') AS INTEGER), CAST(strftime('%s','2022-08-02 10:00:00') AS INTEGER),
'If you count by the number of times it gets read, the most important text in most software isn''t the manual or the homepage. It''s the error message. And yet error messages are usually written last, in a hurry, by someone who already knows what went wrong.

## A taxonomy

In the wild, error messages tend to fall into a few species.

### The Shrug

    Error: something went wrong.

Technically accurate. Practically useless. The reader learns only that the program knows it has failed and has chosen not to say how.

### The Riddle

    ERR_0x80070057

A number that means something to the author and nothing to anyone else. Searchable, at least, which puts it a step above the Shrug.

### The Blame

"Invalid input." Whose input? Which part of it? Invalid *how*? This message manages to be both unhelpful and faintly accusatory.

## What a good one looks like

A good error message answers three questions: **what** happened, **why**, and **what to do next**. In C, where you often only get an error code, the standard library at least gives you `strerror` to turn it into words:

```c
FILE *f = fopen(path, "r");
if (f == NULL) {
    fprintf(stderr, "could not open %s: %s\n", path, strerror(errno));
    fprintf(stderr, "check that the file exists and is readable\n");
    return 1;
}
```

That''s not elegant, but it names the file, names the reason and suggests a fix. Three for three.

## A modest proposal

Next time you write `return -1`, pause and imagine a tired person reading your message at two in the morning. Write for them. They''ll never thank you, because they''ll never notice -- and that''s how you know you got it right.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-secondhand-bookshop-economy',
  'The Secondhand Bookshop Economy',
  'Priya Raman',
  '',
  'published', CAST(strftime('%s','2022-09-12 15:00:00') AS INTEGER), CAST(strftime('%s','2022-09-12 15:00:00') AS INTEGER), CAST(strftime('%s','2022-09-12 15:00:00') AS INTEGER),
'*Priya Raman writes about small businesses and the economics of everyday life. She has worked, at various times, in three secondhand bookshops and has opinions about all of them.*

A secondhand bookshop looks like the least efficient business imaginable. The stock arrives at random, in boxes of uneven quality. Nobody knows exactly what''s on the shelves. Prices are written in pencil, by hand, by someone making a judgement call about each individual object. And yet many of them have outlasted shinier competitors by decades.

## How the numbers work

The trick is that the economics run backwards compared with a new bookshop:

- **Stock is cheap.** House clearances, donations and trade-ins cost very little per book.
- **Margins are high.** A book bought for pennies might sell for several pounds.
- **Turnover is slow.** That''s fine, because a book on a shelf doesn''t spoil.

The main costs are rent and time. Which is why so many of these shops live down side streets, above other shops, or in towns where the rent is low and the tourists are plentiful.

## What the internet changed

Online marketplaces made rare books easier to price, which helped some dealers and hurt others. The shop that used to sell a first edition for a fraction of its value now knows exactly what it''s worth. The browser who used to find that bargain now rarely does.

But the thing you can''t replicate online is *serendipity*: the book you didn''t know you wanted, spotted spine-out on a bottom shelf. The best shops understand that this is what they''re really selling -- not books, but the experience of finding one.

If you have one nearby, go this weekend. Buy something you wouldn''t have searched for. That''s the whole business model, and you''re part of it.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'things-that-go-bump-in-the-server-room',
  'Things That Go Bump in the Server Room',
  '',
  '',
  'published', CAST(strftime('%s','2022-10-31 22:00:00') AS INTEGER), CAST(strftime('%s','2022-10-31 22:00:00') AS INTEGER), CAST(strftime('%s','2022-10-31 22:00:00') AS INTEGER),
'It''s Halloween, so here are some ghost stories. They''re all true, more or less, and they were all told to me by people who work on computers for a living -- the most superstitious profession I know.

## The process that wouldn''t die

A colleague once spent an afternoon trying to stop a program that kept coming back. She''d end it, and a few seconds later it would reappear with a new process ID. It turned out that a supervisor process, configured years earlier by someone long gone, was faithfully restarting it. The lesson she took away:

```sh
# Before killing something, find out who its parent is.
ps -o pid,ppid,cmd -p 4242
ps -o pid,ppid,cmd -p "$(ps -o ppid= -p 4242)"
```

She now checks the parent first, every time. She also leaves a note in the config.

## The disk that filled at midnight

Every night at exactly midnight, a server''s disk filled up, and every morning it was mysteriously half-empty again. The culprit was a log file that grew enormous during a nightly job and was then rotated away at 6 a.m. Nobody had noticed for months because nobody was awake at midnight. The fix was a single line in a config file; finding it took a week.

## The cable nobody could explain

In a data centre somewhere, there is -- I am told -- a single network cable that runs from one rack to another, labelled only with the word **DON''T**. Nobody knows what it connects. Nobody has dared unplug it. Every audit since has simply written "see previous audit".

---

Happy Halloween. Check your cron jobs. And if you find a cable labelled **DON''T**... don''t.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'a-year-of-notes-reviewed',
  'A Year of Notes, Reviewed',
  '',
  '',
  'published', CAST(strftime('%s','2022-12-19 18:00:00') AS INTEGER), CAST(strftime('%s','2022-12-19 18:00:00') AS INTEGER), CAST(strftime('%s','2022-12-19 18:00:00') AS INTEGER),
'The end of the year is a good time to look back at what got written here, what readers seemed to like and what I''d do differently. This isn''t a "best of" list so much as a stock-take.

## What got read

By a wide margin, the most-read piece this year was [A Field Guide to Error Messages](/2022/08/a-field-guide-to-error-messages), which apparently did the rounds among people who have had to debug other people''s code. Close behind were the piece on [meetings and documents](/2022/03/the-meeting-that-should-have-been-a-document) and, to my delight, the one about [bus maps](/2022/05/what-a-bus-map-teaches-about-design).

## What I learned from your emails

1. People like specific examples far more than general arguments.
2. A surprising number of readers are librarians. Hello, librarians.
3. Nobody has ever written to say a piece was too short.

## What changes next year

- More guest pieces. This year''s essay on secondhand bookshops by Priya Raman was one of my favourite things on the site, and I''d like more voices here.
- Fewer pieces that start with "I". (This one doesn''t count.)
- At least one essay I''m nervous about publishing.

Thank you for reading, and for the corrections -- every one of which was right. See you in January.\
*-- M.*
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-case-for-smaller-software',
  'The Case for Smaller Software',
  '',
  'A long argument for programs you can hold in your head -- and for the people who have to maintain them.',
  'published', CAST(strftime('%s','2023-01-16 09:00:00') AS INTEGER), CAST(strftime('%s','2023-01-16 09:00:00') AS INTEGER), CAST(strftime('%s','2023-01-20 17:30:00') AS INTEGER),
'I''ve been writing software professionally for long enough to have watched several programs I worked on grow from something one person could understand into something no single person could. None of these programs were badly made. Every individual decision along the way was sensible. And yet the end result, in each case, was a system that everyone was slightly afraid of.

This essay is an argument for resisting that drift: for building **smaller software** on purpose, and for treating size as a cost rather than a sign of success.

## What "small" means

By small I don''t mean trivial. I mean software that one competent person can hold in their head -- roughly, something they could re-read in a week and explain to a colleague afterwards. A few thousand lines, maybe tens of thousands. Few enough dependencies that you can list them from memory. A data model you can draw on a napkin.

Plenty of very useful software fits that description. Text editors, databases, compilers, web servers: there are excellent, widely used examples of each that are small enough to read. The blog engine running this site keeps everything in a single file and would fit in a modest paperback.

## Why software grows

It''s worth being honest about why things get big, because the forces are real and mostly well-intentioned.

### Features are visible; costs are not

A new feature has a champion, a demo and a launch. The cost of that feature -- the extra code paths, the new configuration option, the interactions with every other feature -- is spread thinly across everyone who will ever touch the code afterwards. Nobody launches a "we didn''t add that" announcement.

### Dependencies are cheap to add

Modern package managers make pulling in someone else''s code almost free at the moment you do it:

```sh
npm install left-pad-but-better
```

One line, and you''ve inherited another project''s bugs, release schedule and licensing decisions -- plus those of everything *it* depends on. Sometimes that''s a great trade. Often nobody checks.

### Generality feels like foresight

Engineers are trained to anticipate change, so we build abstractions for variations that may never happen. A configuration system for a value that has never been changed. A plugin interface with one plugin. Each abstraction is a small bet on the future; many of them never pay out.

## What smallness buys you

### Understanding

The single biggest benefit is that you can *understand* a small program. When something goes wrong, you can form a theory, check it and fix it, rather than poking at a black box until the symptoms go away. The difference between "I know why this happened" and "it seems to be fine now" is the difference between engineering and superstition.

### Longevity

This is the one that surprises people. Small software tends to *last*. It has fewer moving parts to break when the world changes around it, and when it does break, it''s cheap to fix. Some of the most durable tools in computing are small, boring programs that have done one job well for decades.

## Some practical habits

None of this requires heroics. It requires a few habits applied consistently:

1. **Count your dependencies, and write the number down.** Make adding one a decision, not a reflex.
2. **Delete code regularly.** Put it on the calendar. Features that nobody uses are not free just because they already exist.
3. **Prefer data to configuration.** A plain table of values is easier to understand than a clever system for generating them.
4. **Write the boring version first.** You can always make it general later, once you have two real cases instead of one imagined one.
5. **Keep the core small and the edges replaceable.** If something must be large, isolate it so that the rest of the system doesn''t have to know.

For a flavour of what "the boring version" means in practice, here is how I''d check a URL slug in a small C program. No regular expression library, no framework -- just a loop:

```c
/* A slug is 1..60 characters of a-z, 0-9 and ''-''. */
static int slug_ok(const char *s)
{
    size_t n = 0;
    for (; *s; s++, n++) {
        char c = *s;
        if (!((c >= ''a'' && c <= ''z'') || (c >= ''0'' && c <= ''9'') || c == ''-''))
            return 0;
    }
    return n >= 1 && n <= 60;
}
```

Anyone can read that. Anyone can test it. If the rules change, anyone can change it.

## The objections

"Our users want features." Sometimes they do. More often they want the existing features to work reliably, load quickly and stay where they left them. It''s worth asking, every time, whether a request is really for a feature or for a fix.

"It''s too late; our system is already big." Probably true. But big systems are usually made of smaller parts, and each of those parts can be made a little smaller, a little clearer, a little less afraid-of. You don''t need a rewrite. You need a direction.

> The cheapest code to maintain is the code you never wrote. The second cheapest is the code you can read in an afternoon.

## A closing thought

There''s a kind of respect in small software: respect for the people who''ll maintain it, for the machines it runs on, and for the users who have to wait while it starts. I''d like to see more of it. If you''re building something this year, try making it a little smaller than you think it needs to be -- and see whether anyone notices anything other than how quickly it loads.

---

*Update, 20 January:* a reader kindly pointed out that the original version of the C snippet forgot the length check. Fixed above, and a good illustration of why small code still needs a second pair of eyes.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'newsletters-ate-the-blog',
  'Newsletters Ate the Blog. Now What?',
  '',
  '',
  'published', CAST(strftime('%s','2023-02-06 07:45:00') AS INTEGER), CAST(strftime('%s','2023-02-06 07:45:00') AS INTEGER), CAST(strftime('%s','2023-02-06 07:45:00') AS INTEGER),
'A few years ago, the smartest writers I followed stopped blogging and started newsletters. It made sense. An inbox is a place people actually look, and a newsletter comes with a built-in way to get paid. The blog, meanwhile, depended on readers remembering to visit, or on a feed reader that most people had never heard of.

Now the inbox is full. I subscribe to more newsletters than I can read, and I suspect I''m not alone. So I''ve been wondering what comes next.

## What newsletters got right

- **A relationship, not a traffic spike.** Subscribers are people who chose you, not people who clicked a headline.
- **A rhythm.** Weekly or monthly arrival gives both writer and reader something to plan around.
- **A business model.** Paid subscriptions turned out to be workable for a surprising number of people.

## What they got wrong

- **The inbox is a to-do list.** Every unread issue is a tiny obligation, and obligations pile up into guilt.
- **Nothing is findable.** Great essays are buried in archives that nobody browses.
- **The platforms own the list.** Or at least, they make it easy to forget that you could own it yourself.

## A modest hope

I''d like the pendulum to swing back a little -- not to blogs as they were, but to sites that do both: publish on the open web, where anyone can link to the piece and find it in five years, and *also* send it to people who asked. The technology for this has existed for two decades. It''s called a [web feed](https://en.wikipedia.org/wiki/Web_feed), and it still works.

This site has one, at <https://example.org/feed.xml> or wherever your reader finds it. It won''t fill your inbox. It''ll just be there, waiting, whenever you feel like reading.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'walking-as-a-research-method',
  'Walking as a Research Method',
  '',
  'You learn things about a city on foot that no map, dataset or satellite view will tell you.',
  'published', CAST(strftime('%s','2023-03-20 10:30:00') AS INTEGER), CAST(strftime('%s','2023-03-20 10:30:00') AS INTEGER), CAST(strftime('%s','2023-03-20 10:30:00') AS INTEGER),
'When I want to understand a neighbourhood, I walk it. Not with a destination, and not quickly. I walk it the way a surveyor might, if surveyors were allowed to stop for coffee.

![A narrow street with old shopfronts, photographed from the pavement](https://picsum.photos/seed/walking-street/800/400)

## What you notice on foot

A few things that reliably show up on a walk and never show up on a map:

- where the pavement is too narrow for two prams to pass;
- which crossings make you wait for ninety seconds, and which for nine;
- the worn path across a patch of grass that tells you where people *actually* want to go;
- the shops that are open, the ones that are shuttered, and the ones pretending to be open.

That worn path has a name, incidentally: a [desire path](https://en.wikipedia.org/wiki/Desire_path). Planners who pay attention to them tend to build better places.

## A method, loosely

If you want to try this, here''s how I go about it:

1. Pick an area about twenty minutes across on foot.
2. Walk it three times: once in the morning, once at lunch, once after dark.
3. Take notes on paper, not a phone, so you keep looking up.
4. Afterwards, compare your notes with the official map. Mark the differences.

The differences are the interesting part. They''re the places where the plan and the life of a street have drifted apart.

---

I''m not claiming this is rigorous. It isn''t. But a surprising amount of good urban thinking started with someone walking slowly and paying attention, and it''s a method anyone can use for free.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-chatbot-in-the-room',
  'The Chatbot in the Room',
  '',
  'Some early, uncertain notes on the new AI chatbots, written down so I can find out later how wrong I was.',
  'published', CAST(strftime('%s','2023-04-11 08:15:00') AS INTEGER), CAST(strftime('%s','2023-04-11 08:15:00') AS INTEGER), CAST(strftime('%s','2023-04-11 08:15:00') AS INTEGER),
'I''ve resisted writing about the new wave of AI chatbots for a few months, partly because everyone else is and partly because I wasn''t sure what I thought. I''m still not sure. But here are some notes, written down so I can look back later and see how wrong I was.

## What''s genuinely impressive

It''s impressive that a program can take a loosely worded question and produce a fluent, confident, often useful answer. It''s impressive that it can rewrite a paragraph in a different tone, or explain a piece of code line by line. I''ve used these tools and they''ve saved me time.

## What worries me

### Confidence without accountability

The answers are fluent whether or not they''re correct. A human expert who says "I''m not sure" is giving you information. A system that never says it is withholding some.

### The vanishing source

When I search and find a page, I can see who wrote it and judge them. When a chatbot summarises ten pages into one answer, the authors disappear. That''s bad for the reader, who can''t judge, and bad for the authors, who don''t get the visit.

### The homogenising effect

If everyone drafts with the same assistant, does everyone start to sound the same? I don''t know. I''d like to find out before it''s too late to care.

## What I''m doing about it

For now, nothing dramatic. I use these tools for chores -- reformatting, first-draft summaries, "what''s the flag for this command?" -- and I don''t use them for anything I''d put my name to. Everything on this site is written by a human, and will stay that way.

> "A tool is only as honest as the person holding it."

I don''t know who said that first. I might have made it up. Which, come to think of it, is the whole problem.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'why-no-comments',
  'Q&A: Why Don''t You Have Comments?',
  '',
  '',
  'published', CAST(strftime('%s','2023-04-25 19:20:00') AS INTEGER), CAST(strftime('%s','2023-04-25 19:20:00') AS INTEGER), CAST(strftime('%s','2023-04-25 19:20:00') AS INTEGER),
'I get asked this often enough that it deserves a post. So here, in the form of a small Q&A, is why there''s no comment section on this site.

**Q: Isn''t a blog without comments just a lecture?**

A little, yes. But a lecture with an email address at the bottom. I read everything people send me, and the best replies have changed my mind, led to corrections and, twice, become guest essays.

**Q: Wouldn''t comments make it more of a conversation?**

In theory. In practice, comment sections on small sites tend to go one of two ways: silence, which is discouraging, or a handful of very loud regulars, which is worse. Moderating properly is a part-time job, and I already have one of those.

**Q: What about spam?**

Any open form on the internet receives spam within hours. I''d rather spend my evenings writing than deleting offers for discount watches.

**Q: So how do I respond to something you wrote?**

Three ways:

1. Email me. The address is on the [Contribute](/contribute) page.
2. Write a response on your own site and send me the link. If it''s good, I''ll link back.
3. Argue with me in person if we ever meet. I enjoy that most of all.

**Q: Will you ever add comments?**

Never say never. But the web already has plenty of places to shout. I''d like this one to stay a place to *read*.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'bridges-budgets-and-bad-estimates',
  'Bridges, Budgets & Bad Estimates',
  '',
  '',
  'published', CAST(strftime('%s','2023-06-07 12:00:00') AS INTEGER), CAST(strftime('%s','2023-06-07 12:00:00') AS INTEGER), CAST(strftime('%s','2023-06-07 12:00:00') AS INTEGER),
'Why do big public projects almost always cost more and take longer than promised? Bridges, railways, stadiums, IT systems: the pattern is so consistent that it deserves a name, and it has one -- the [planning fallacy](https://en.wikipedia.org/wiki/Planning_fallacy).

## The usual suspects

When a project overruns, people reach for one of three explanations:

- **Bad luck.** The ground was softer than expected; a supplier went bust.
- **Incompetence.** Someone in charge didn''t know what they were doing.
- **Strategic optimism.** Everyone knew the real number, but the low number got approved.

All three happen. But the research on large projects suggests that the third is disturbingly common. A realistic estimate often doesn''t get funded. An optimistic one does, and once work has started, it''s very hard to stop.

## Reference classes

The most useful antidote I''ve come across is almost embarrassingly simple. Instead of estimating your project from the inside -- adding up the parts -- you look at a *reference class* of similar projects and ask how they actually turned out. If the last ten tunnels of this kind overran by an average of 40%, yours probably will too, and you should plan for it.

## The software version

Software teams do the same thing on a smaller scale. Every developer has said "that''ll take a day" about something that took a week. My own rule of thumb, learned the hard way:

1. Estimate the task honestly.
2. Double it.
3. Change the unit to the next one up.

That''s a joke -- a day becomes two weeks -- but only mostly. The honest version is to keep a record of your own estimates and outcomes, and let the record correct you.

Nobody has ever been fired for a bridge that came in *under* budget. Maybe we should start celebrating the boring estimates that turn out to be right.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'summer-reading-for-non-finishers',
  'Summer Reading for People Who Don''t Finish Books',
  '',
  '',
  'published', CAST(strftime('%s','2023-07-19 14:00:00') AS INTEGER), CAST(strftime('%s','2023-07-19 14:00:00') AS INTEGER), CAST(strftime('%s','2023-07-19 14:00:00') AS INTEGER),
'Every summer, newspapers publish reading lists full of eight-hundred-page novels, as if we''ll all be spending August in a hammock with nothing to do. This list is for the rest of us: the people who start books with great enthusiasm and abandon them, guiltily, around page ninety.

## First, a permission slip

You are allowed to stop reading a book you''re not enjoying. Life is finite; libraries are not. There''s an old rule of thumb that says you should give a book a hundred pages, minus one page for every year of your age over fifty. I think that''s generous.

## Things that are easy to finish

- **Short story collections.** Each story is a complete book in miniature. Read one, and you''ve finished something.
- **Novellas.** Many classics are shorter than you remember. An afternoon''s reading, a lifetime''s conversation.
- **Essay collections.** Dip in, dip out. No plot to lose track of.
- **Poetry**, in small doses:
  - one poem with morning coffee;
  - one on the bus home;
  - none at all on days you can''t face it.

## A strategy that works for me

1. Always carry a book that fits in a coat pocket.
2. Keep a "big" book at home and a "small" one on the move.
3. Let the small one be *really* small.

By the end of the summer, you may not have finished the doorstopper. But you''ll have finished a dozen small things, and finishing turns out to be a habit like any other.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-four-day-week-one-year-later',
  'The Four-Day Week, One Year Later',
  'Sam Adeyemi',
  'A guest essay from someone whose small company tried a four-day week -- and kept it.',
  'published', CAST(strftime('%s','2023-09-04 08:00:00') AS INTEGER), CAST(strftime('%s','2023-09-04 08:00:00') AS INTEGER), CAST(strftime('%s','2023-09-04 08:00:00') AS INTEGER),
'*Sam Adeyemi runs a twelve-person design studio. A year ago, the studio moved to a four-day week with no change in pay. This is a look back.*

When we announced the change, the reactions fell into two camps. Our staff were delighted. Our clients were politely alarmed. A year on, I can report that the staff are still delighted and most of the clients haven''t noticed.

## What we did

We didn''t just lop off Fridays. We spent two months beforehand looking at where time went, and found the usual culprits:

- recurring meetings that had outlived their purpose;
- status updates that could have been a shared document;
- "quick questions" that interrupted deep work a dozen times a day.

We cut most of the first two and created quiet hours for the third. Only then did we drop to four days.

## What happened

### The good

Output held steady. Sick days fell. Two people who had been quietly looking for other jobs stopped looking. Recruiting became noticeably easier -- "four-day week" in a job ad is a powerful sentence.

### The hard

Some weeks are simply five days of work, and squeezing them into four is exhausting. We allow people to work a fifth day occasionally, paid as overtime, but it''s a pressure valve rather than a solution. And the client who calls on a Friday still calls on a Friday; we rotate someone to answer.

## Would I recommend it?

For a small team doing focused work, yes -- **if** you do the boring preparation first. A four-day week isn''t a perk you bolt on. It''s a forcing function that exposes all the waste you''d been tolerating. The time you get back was always there; you just have to stop spending it on meetings.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'measuring-things',
  'Measuring Things That Don''t Want to Be Measured',
  '',
  '',
  'published', CAST(strftime('%s','2023-10-23 17:40:00') AS INTEGER), CAST(strftime('%s','2023-10-23 17:40:00') AS INTEGER), CAST(strftime('%s','2023-10-23 17:40:00') AS INTEGER),
'Scientists have a joke that the hardest part of any experiment is deciding what to measure. It''s not really a joke.

## Proxies everywhere

Most of the things we care about can''t be measured directly. We can''t measure "health", so we measure blood pressure and cholesterol. We can''t measure "learning", so we measure test scores. We can''t measure "a good city", so we measure commute times and house prices. Each of these is a *proxy*: a number that we hope moves in the same direction as the thing we actually care about.

Proxies are fine until we start optimising them. Then something odd happens, and it''s familiar enough that it has a name: [Goodhart''s law][goodhart]. Roughly, when a measure becomes a target, it stops being a good measure.

## Some examples

- A call centre measured on call length learns to end calls quickly, whether or not the problem is solved.
- A school measured on exam pass rates learns to enter fewer pupils for hard exams.
- A software team measured on tickets closed learns to split tickets very finely.

Nobody in these stories is cheating, exactly. They''re responding sensibly to the incentive in front of them.

## What to do about it

A few defences I''ve seen work, in no particular order -- there''s no \#1 here:

1. **Measure several things at once**, so that gaming one shows up in another.
2. **Rotate the measures** before people learn to optimise them.
3. **Keep a human in the loop** who looks at the actual work, not just the dashboard.
4. **Say out loud what the proxy is standing in for**, often, so nobody forgets.

The numbers are useful. They''re just not the point. Or, as a statistician friend likes to say: the map is not the territory, and the dashboard is not the map.

[goodhart]: https://en.wikipedia.org/wiki/Goodhart%27s_law
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'holiday-lights-and-the-power-grid',
  'Holiday Lights and the Power Grid',
  '',
  '',
  'published', CAST(strftime('%s','2023-12-11 18:30:00') AS INTEGER), CAST(strftime('%s','2023-12-11 18:30:00') AS INTEGER), CAST(strftime('%s','2023-12-11 18:30:00') AS INTEGER),
'My street has, over the past week, been steadily transformed into something visible from low orbit. One house in particular has a light-up reindeer, a light-up sleigh and what I can only describe as a light-up *weather system*. I found myself wondering: how much electricity does all this actually use?

## A back-of-the-envelope calculation

Old incandescent strings used a lot of power -- several watts per bulb. Modern LED strings use a small fraction of that. Let''s estimate the cost of a generous display:

```python
strings = 40            # strings of lights on the house
watts_per_string = 5    # a typical LED string
hours_per_night = 6
nights = 30
price_per_kwh = 0.30    # in your local currency

kwh = strings * watts_per_string * hours_per_night * nights / 1000
print(f"{kwh:.0f} kWh, costing about {kwh * price_per_kwh:.2f}")
```

That comes to 36 kWh for the season -- roughly what a fridge uses in a month or two. Not nothing, but not the grid-melting figure I''d imagined either. With old incandescent bulbs, the same display might have used ten times as much.

## The grid doesn''t notice... mostly

From the grid''s point of view, holiday lights are a small, predictable load that switches on around dusk -- exactly when demand is already rising as people get home and start cooking. Grid operators plan for that evening peak every day of the year. A few extra reindeer barely register.

What *does* register is when millions of people do the same thing at the same moment: boiling kettles during the break in a big televised match, for example. That''s a story for another post.

---

So, to the house with the weather system: carry on. Your reindeer is costing less than you think, and it''s making the walk home considerably more cheerful.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'why-point-one-plus-point-two',
  'Why 0.1 + 0.2 != 0.3 (and Why You Shouldn''t Panic)',
  '',
  'The most famous "bug" in computing isn''t a bug at all -- it''s a trade-off, and an instructive one.',
  'published', CAST(strftime('%s','2024-01-08 09:30:00') AS INTEGER), CAST(strftime('%s','2024-01-08 09:30:00') AS INTEGER), CAST(strftime('%s','2024-01-08 09:30:00') AS INTEGER),
'Every programmer eventually types this into a console and stares at the result:

```python
>>> 0.1 + 0.2
0.30000000000000004
>>> 0.1 + 0.2 == 0.3
False
```

The first reaction is usually "the computer is broken". It isn''t. It''s doing exactly what it was designed to do, and understanding why is one of those small lessons that makes you a better programmer for the rest of your life.

## Binary fractions

Computers store most non-integer numbers in [binary floating point](https://en.wikipedia.org/wiki/Floating-point_arithmetic). In base ten, you can''t write one third exactly -- it''s 0.3333... forever. In base two, you can''t write one *tenth* exactly. So 0.1 is stored as the nearest representable value, which is very slightly off, and so is 0.2, and the tiny errors add up to something visible.

## What to do instead

It depends on what you''re doing:

- **Comparing results of calculations?** Check whether they''re *close enough*, not equal.
- **Handling money?** Don''t use floating point at all -- not even for something as innocent as 3 \* 0.1. Store whole numbers of the smallest unit (cents, pence) or use a decimal type.
- **Doing science?** Learn about numerical error properly; it matters, and there are good books on it.

In C, a "close enough" comparison looks something like this:

```c
static int nearly_equal(double a, double b)
{
    double diff = fabs(a - b);
    double scale = fmax(fabs(a), fabs(b));
    return diff <= 1e-9 * scale;
}
```

The right tolerance depends on the problem, which is precisely why no language picks one for you.

## Why you shouldn''t panic

Floating point is a brilliant compromise: it lets a fixed number of bits represent both the width of an atom and the distance to a galaxy, with roughly the same *relative* precision. The price is that some ordinary-looking decimals can''t be represented exactly. Once you know that, 0.30000000000000004 stops being scary and becomes a small, familiar friend.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-return-of-the-corner-shop',
  'The Return of the Corner Shop',
  '',
  '',
  'published', CAST(strftime('%s','2024-02-12 11:20:00') AS INTEGER), CAST(strftime('%s','2024-02-12 11:20:00') AS INTEGER), CAST(strftime('%s','2024-02-12 11:20:00') AS INTEGER),
'For most of my adult life, the corner shop seemed to be on the way out. Supermarkets got bigger and further away; online delivery got faster; the little shop at the end of the road became a phone repair place, then a vape shop, then nothing.

Lately, though, I''ve noticed something. In my part of town, at least, small shops are coming back -- not quite as they were, but recognisably the same idea.

## What''s different this time

The new ones tend to be:

- **Specialised.** A bakery that also sells milk, rather than a shop that sells everything badly.
- **Social.** Half of them have a coffee machine and two stools by the window.
- **Local in both directions.** They stock things made nearby, and they hire people who live nearby.

They''re also small enough to change quickly. When a new block of flats opened down the road, one shop started stocking baby food within a week. No supermarket head office moves that fast.

## Why it matters for a neighbourhood

A corner shop is one of the things that makes a street a *place* rather than a route. It''s somewhere to leave a key for a neighbour, to ask whether the bins are collected on Tuesday this week, to find out that the old man at number forty has been ill. Urbanists sometimes call these spaces [third places](https://en.wikipedia.org/wiki/Third_place): not home, not work, but somewhere in between where people bump into each other.

## A small request

If there''s a shop like this near you, use it for the small things, even if they cost a little more. The difference in price is the rent on a street that knows your name. I think it''s a bargain.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'leap-day-bugs-and-calendar-traps',
  'Leap Day Bugs & Other Calendar Traps',
  '',
  '',
  'published', CAST(strftime('%s','2024-02-29 12:00:00') AS INTEGER), CAST(strftime('%s','2024-02-29 12:00:00') AS INTEGER), CAST(strftime('%s','2024-02-29 12:00:00') AS INTEGER),
'Happy leap day! Somewhere, right now, a piece of software is failing because it didn''t believe today could exist. Every four years, payment systems, parking meters and fitness trackers discover the 29th of February, and every four years someone writes a blog post like this one.

## The classic mistake

The [leap year](https://en.wikipedia.org/wiki/Leap_year) rule is slightly more complicated than "divisible by four", and the complication is exactly where bugs live. The full rule:

1. A year divisible by 4 is a leap year...
2. ...unless it''s divisible by 100, in which case it isn''t...
3. ...unless it''s *also* divisible by 400, in which case it is.

So 2000 was a leap year and 1900 wasn''t. In C:

```c
static int is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}
```

Simple enough -- and yet people still write only the first clause, or hard-code 365 days in a year, or add one year to the 29th of February and get a date that doesn''t exist.

## Other traps

Leap days are just the start. A non-exhaustive list of things that are not true about time:

- Every day has 24 hours. (Daylight saving time says no.)
- Every minute has 60 seconds. (Leap seconds have said no, though they''re being phased out.)
- Time zones differ by whole hours. (Several are offset by half an hour or even three quarters.)
- The clock never goes backwards. (See daylight saving, again.)

## The practical advice

If you''d like a list of the many, many others, the classic reference is <https://example.org/falsehoods-about-time>.

Store times as [Unix timestamps](https://en.wikipedia.org/wiki/Unix_time) or in UTC, convert to local time only for display, and use a well-tested date library instead of your own arithmetic. This site stores every publication time as a plain count of seconds since 1970, which is the most boring possible choice and therefore the right one.

And if you were born today: happy birthday. You''re probably about eight.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'reading-the-terms-of-service',
  'Reading the Terms of Service So You Don''t Have To',
  '',
  '',
  'published', CAST(strftime('%s','2024-04-02 19:00:00') AS INTEGER), CAST(strftime('%s','2024-04-02 19:00:00') AS INTEGER), CAST(strftime('%s','2024-04-02 19:00:00') AS INTEGER),
'I did something unusual last week. I read the full terms of service for an app I use every day. It took fifty minutes. I''d like those fifty minutes back, but I did learn a few things.

## How long is too long?

The document was about twelve thousand words, which is longer than most of the short stories I love. Researchers have estimated that reading every privacy policy you agree to in a year would take weeks of full-time work. Nobody does this. The documents are written knowing nobody does this.

## What I found

Most of it was unremarkable. But a few clauses stood out, and I''ll paraphrase them rather than quote, since the wording is theirs:

> The service may change these terms at any time, and continuing to use it counts as accepting the changes.

Meaning: the contract you agreed to is not the contract you have.

> Content you upload may be used to "improve our services".

That phrase is doing a lot of work. It could mean fixing bugs. It could mean training a model on your photographs.

> Disputes will be settled by arbitration, not in court.

Common in some countries, and worth knowing about before you need it.

## What would help

I''m not a lawyer, and none of this is legal advice. But as a reader, I''d like:

1. A **one-page summary** at the top, written in plain language, that is itself binding.
2. A **change log**, so I can see what''s different since I last agreed.
3. A **length limit**. If it doesn''t fit in a few thousand words, maybe the service is doing too much.

None of these are technically difficult. They''re just not in anyone''s interest except the reader''s -- which is, I suppose, exactly the problem.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'libraries-are-the-last-free-room',
  'Libraries Are the Last Free Room in Town',
  '',
  '',
  'published', CAST(strftime('%s','2024-05-20 10:00:00') AS INTEGER), CAST(strftime('%s','2024-05-20 10:00:00') AS INTEGER), CAST(strftime('%s','2024-05-22 09:00:00') AS INTEGER),
'Three years ago I wrote about [missing the library](/2021/02/what-the-library-knew) during lockdown. The doors have long since reopened, and I''ve been going back most weeks. I want to update that piece, because the more time I spend there, the more convinced I am that the public library is the most radical institution most towns still have.

![A bright public reading room with long tables and tall windows](https://picsum.photos/seed/reading-room/800/400)

## Who''s there

On a typical weekday morning in my local branch:

- a retired couple reading the newspapers, both of them, cover to cover;
- three students revising, surrounded by highlighters;
- someone applying for jobs on the public computers, with a librarian helping;
- a toddler group, audible from everywhere;
- me, pretending to write.

Nobody has bought anything. Nobody has been asked to leave for not buying anything. In a town where almost every indoor space charges for the privilege of sitting down, that alone makes the library remarkable.

## What it quietly does

Libraries have become the front line for a dozen services that have no other home: internet access, help with forms, a warm room in winter, a cool one in summer. They''re doing social work, careers advice and IT support, usually on shrinking budgets, and usually without anyone writing it down.

## The argument

When budgets get cut, libraries are an easy target because their value is diffuse. Nobody''s life depends on a single visit. But a town without one is poorer in a way that''s hard to measure -- see my earlier piece on [measuring things](/2023/10/measuring-things) -- and very hard to reverse.

Use it or lose it isn''t quite right. It''s more like: **use it, and tell people you do.**

---

*Update, 22 May:* several librarians have written in to add that the toddler group is, in fact, the most important thing on that list. I stand corrected.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'half-a-year-without-push-notifications',
  'Half a Year Without Push Notifications',
  '',
  '',
  'published', CAST(strftime('%s','2024-06-30 20:15:00') AS INTEGER), CAST(strftime('%s','2024-06-30 20:15:00') AS INTEGER), CAST(strftime('%s','2024-06-30 20:15:00') AS INTEGER),
'At the start of the year, I turned off every push notification on my phone except phone calls and messages from a short list of people. Six months on, here''s the report.

## What I expected

I expected to miss things. Important emails, urgent work messages, the news. I expected a low-level anxiety that something was happening without me.

## What actually happened

For about a week, I checked everything compulsively, because the notifications weren''t telling me to. Then that faded. Now I check email twice a day, on purpose, and find that almost nothing in it was urgent after all.

Things I did miss:

- one parcel delivery (it went to a neighbour; they were lovely about it);
- a calendar change, once, which made me ten minutes late;
- approximately four thousand sales, offers and "we miss you" messages.

Things I gained:

- longer stretches of uninterrupted work;
- evenings that felt like evenings;
- a noticeable drop in the urge to pick up the phone "just to check".

## How to try it

If you want to experiment, here''s the gentlest version (there''s a longer [walkthrough](https://example.org/guides/notification-detox) if you prefer):

1. Open your notification settings and **turn everything off**.
2. Turn back on *only* calls and messages from people.
3. Wait a week before turning anything else back on.
4. For anything you re-enable, ask: would I want a person to tap me on the shoulder for this?

Most apps fail that last test. A few pass. The phone becomes a tool you pick up, rather than a creature that calls you.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'deadlines-versus-quality',
  'Deadlines < Quality? A False Choice',
  '',
  '',
  'published', CAST(strftime('%s','2024-08-14 09:00:00') AS INTEGER), CAST(strftime('%s','2024-08-14 09:00:00') AS INTEGER), CAST(strftime('%s','2024-08-14 09:00:00') AS INTEGER),
'There''s a tired argument in every workplace I''ve known. One side says: ship it, the deadline matters more. The other side says: it isn''t ready, quality matters more. Each side thinks the other is being reckless or precious. I''ve been on both sides, sometimes in the same week.

I''ve come to think the argument itself is the problem.

## Scope is the missing variable

A deadline and a quality bar are only in conflict if the *scope* is fixed. If you must ship everything, by Friday, to a high standard, then yes, something has to give. But scope is almost never truly fixed. Usually there''s a smaller version of the thing that can be done well by Friday, and a larger version that can follow.

The conversation changes when someone asks:

- What''s the smallest piece that would be genuinely useful?
- What can be done **properly** in the time we have?
- What can wait for the next release without anyone being hurt?

## When it really is a trade-off

Sometimes it is. A fixed event -- a conference, a legal deadline, a product launch with a press date -- can leave no room to cut. In those cases, I''d rather make the trade-off explicit and write it down: "we''re shipping this with known issues *x*, *y* and *z*, and we''ll fix them by this date". That''s very different from quietly lowering the bar and hoping nobody notices.

## The part nobody likes

Quality that gets cut "just this once" rarely comes back. The shortcuts accumulate, and a year later the team is slower at everything because the foundations are shaky. So my rule is simple: we can cut *features* to hit a date. We don''t cut *care*.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-science-of-tea-sort-of',
  'The Science of the Perfect Cup of Tea (Sort Of)',
  'Priya Raman',
  '',
  'published', CAST(strftime('%s','2024-09-09 16:00:00') AS INTEGER), CAST(strftime('%s','2024-09-09 16:00:00') AS INTEGER), CAST(strftime('%s','2024-09-09 16:00:00') AS INTEGER),
'*Priya Raman returns with her second guest piece, this time on a subject she describes as "the only argument my family has ever had".*

Every household has a tea rule. Milk first or milk last. Bag in the cup or in the pot. Stir or squeeze. These rules are defended with a passion normally reserved for politics and football, and they''re usually justified by appeal to *science*. So I went and looked at some.

## What actually matters

Chemistry does have things to say about tea, mostly about temperature and time:

- **Water temperature.** Black teas like water close to boiling; green teas get bitter if it''s too hot.
- **Steeping time.** The flavour compounds come out first; the bitter tannins take longer. Three to five minutes is the usual window for black tea.
- **Water hardness.** Hard water can leave a scum on the surface and dull the flavour. This is why tea tastes different on holiday.

## And the milk question?

There''s a plausible argument that adding milk *last* to hot tea means the first drops of milk meet very hot liquid and some proteins change, while adding milk *first* warms it gradually. Whether anybody can taste the difference is a separate question, and it has a famous history: the [lady tasting tea](https://en.wikipedia.org/wiki/Lady_tasting_tea) experiment is one of the founding stories of modern statistics.

## My conclusion

After extensive research, and several hundred cups, I can report that the perfect cup of tea is the one someone makes for you without being asked. The chemistry matters far less than the kindness.

My family still disagrees about the milk.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'polls-and-the-margin-of-error',
  'Elections, Polls, and the Margin of Error',
  '',
  'A poll is a measurement with an uncertainty attached, and the uncertainty is usually bigger than the headline admits.',
  'published', CAST(strftime('%s','2024-10-15 07:30:00') AS INTEGER), CAST(strftime('%s','2024-10-15 07:30:00') AS INTEGER), CAST(strftime('%s','2024-10-15 07:30:00') AS INTEGER),
'It''s election season in several countries at once, which means a steady diet of opinion polls and headlines announcing that one candidate has "surged" by two points. Before you believe any of them, it''s worth knowing what a poll can and can''t tell you.

## The margin of error

A poll asks a sample of people and uses their answers to estimate what everybody thinks. Because the sample is random, the estimate is uncertain. For a simple random sample, the [margin of error](https://en.wikipedia.org/wiki/Margin_of_error) is roughly:

```python
from math import sqrt

def margin_of_error(p, n, z=1.96):
    """95% margin of error for a proportion p from a sample of n."""
    return z * sqrt(p * (1 - p) / n)

print(round(100 * margin_of_error(0.5, 1000), 1))  # about 3.1 points
```

So a poll of a thousand people, showing a candidate on 50%, is really saying "somewhere between about 47% and 53%". A two-point "surge" sits comfortably inside that range. It might be real. It might be noise.

## The errors that aren''t in the margin

The margin of error only covers *random* sampling error. Real polls also suffer from:

1. **Non-response.** Some kinds of people are much less likely to answer the phone.
2. **Weighting choices.** Pollsters adjust for this, but the adjustments are judgement calls.
3. **Turnout.** Asking people whether they''ll vote is not the same as knowing.

These errors don''t shrink with a bigger sample, and they tend to push all the polls in the same direction at once. That''s why polling "misses" tend to be shared across firms.

## How to read a poll

- Look at the **average** of many polls, not the latest one.
- Look at the **trend** over weeks, not the change since yesterday.
- Treat any lead smaller than the margin of error as a tie.

None of this is as exciting as a surge. But it''s a lot closer to the truth.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'gratitude-for-unglamorous-infrastructure',
  'Gratitude for Unglamorous Infrastructure',
  '',
  '',
  'published', CAST(strftime('%s','2024-11-27 18:00:00') AS INTEGER), CAST(strftime('%s','2024-11-27 18:00:00') AS INTEGER), CAST(strftime('%s','2024-11-27 18:00:00') AS INTEGER),
'It''s the time of year when people in some countries stop to give thanks, so I''d like to offer some to the things that never get any: the unglamorous infrastructure that makes ordinary life possible.

## A short list of the unthanked

- **Sewers.** Arguably the greatest public health invention in history. Nobody has ever posed for a photograph with one.
- **Street lighting.** Which turned the city at night from a place of fear into a place to walk home.
- **Postcodes.** A system so useful that we only notice it when an address doesn''t have one.
- **Time signals.** The quiet broadcasts and network protocols that keep every clock in the world agreeing, more or less.
- **Open-source libraries.** The invisible layer of code, maintained by volunteers, that sits under almost every app you use. Somebody''s weekend project is probably parsing your bank statement right now.

## Why we don''t notice

Good infrastructure is invisible by design. You notice a road only when it has a pothole, and a water supply only when the tap runs brown. Success looks like nothing happening, and nothing happening doesn''t make the news.

This creates a political problem: it''s hard to fund the maintenance of things nobody notices, until they fail, at which point fixing them costs far more than looking after them would have.

## Say thank you

So this week, if you happen to meet someone who maintains something -- a water engineer, a librarian, a volunteer who fixes bugs in a library you depend on -- say thank you. They rarely hear it. And the next time a council proposes spending money on drains instead of something shiny, consider writing in support.

The drains, after all, have been supporting you.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'five-years-of-writing-in-the-margin',
  'Five Years of Writing in the Margin',
  '',
  'Some numbers, some lessons, and a thank-you, on the site''s fifth birthday.',
  'published', CAST(strftime('%s','2025-01-13 09:00:00') AS INTEGER), CAST(strftime('%s','2025-01-13 09:00:00') AS INTEGER), CAST(strftime('%s','2025-01-13 09:00:00') AS INTEGER),
'This site is five years old this week. In blog years that''s roughly middle-aged, so it seems like a good moment for a little reflection before the mid-life crisis sets in.

## By the numbers

Roughly, and without checking too carefully:

- about forty published essays;
- four guest pieces, from three guest writers;
- one draft that has been "almost finished" since 2022;
- zero comments, as [promised](/2023/04/why-no-comments);
- several hundred emails, nearly all of them kind.

## What I''ve learned

### Writing is thinking

I used to believe I wrote down things I''d already figured out. Now I know it''s the other way around: I figure things out *by* writing them down. Half the essays here ended up arguing something different from what I set out to argue.

### Small is sustainable

I''ve kept going for five years partly because the site is small. There''s no schedule to miss, no audience metrics to chase, no platform that might change its rules overnight. The whole thing lives in one file. I can back it up in a second and move it anywhere.

### Readers are generous

Every correction I''ve received has been polite. Every guest writer has been a pleasure to edit. I''ve met a handful of readers in person, and each time we''ve ended up talking for far longer than either of us intended.

## What''s next

More of the same, hopefully better. Some longer pieces. More guests. Perhaps, finally, that draft.

Thank you for reading -- whether you''ve been here since the first post or arrived five minutes ago.\
Here''s to the next five.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-plain-text-office',
  'The Plain-Text Office',
  '',
  '',
  'published', CAST(strftime('%s','2025-02-03 08:45:00') AS INTEGER), CAST(strftime('%s','2025-02-03 08:45:00') AS INTEGER), CAST(strftime('%s','2025-02-03 08:45:00') AS INTEGER),
'For the last year I''ve been running as much of my working life as I can out of plain text files. Notes, to-do lists, meeting agendas, drafts of this blog: all of them are `.txt` or `.md` files in a single folder. It has been one of the more satisfying small changes I''ve made.

## Why plain text?

- **It lasts.** A text file written forty years ago opens perfectly today. I can''t say the same for most word processor formats.
- **It''s searchable.** Everything I''ve ever written is one command away.
- **It''s portable.** Any editor, any operating system, any device.
- **It''s honest.** There''s no formatting to fiddle with, so I fiddle with the words instead. (I do still type \_underscores\_ and \*asterisks\* by habit, escaped when I mean them literally.)

## Some daily commands

Most of my "system" is a handful of shell one-liners. Finding every open to-do across all my notes, for example:

```sh
# List unfinished tasks, with the file they came from.
grep -rn -- ''- \[ \]'' ~/notes | sort
```

And making a dated file for today''s notes:

```sh
note="$HOME/notes/$(date +%Y-%m-%d).md"
[ -f "$note" ] || printf ''# %s\n\n'' "$(date +%A)" > "$note"
"${EDITOR:-vi}" "$note"
```

Nothing clever. That''s the point.

## The limits

Plain text is bad at some things. Sharing with colleagues who live in office suites is awkward. Images and diagrams need to live alongside the text rather than inside it. And calendars really do work better as calendars.

But for the core of the work -- thinking, planning, writing -- I haven''t found anything better. The files will still be readable long after whatever app I might have used instead has been discontinued.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'why-every-city-needs-a-bad-statue',
  'Why Every City Needs a Bad Statue',
  '',
  '',
  'published', CAST(strftime('%s','2025-02-17 13:30:00') AS INTEGER), CAST(strftime('%s','2025-02-17 13:30:00') AS INTEGER), CAST(strftime('%s','2025-02-17 13:30:00') AS INTEGER),
'My town has a statue in the main square that is, by almost universal agreement, terrible. It''s meant to commemorate a local industrialist, but the proportions are wrong, the face looks faintly surprised, and at some point in the nineteen-eighties someone painted the horse''s hooves gold. It''s been that way ever since.

![A slightly odd bronze statue on a stone plinth under a grey sky](https://picsum.photos/seed/odd-statue/800/400)

I''ve come to love it. I think every city needs one.

## The functions of a bad statue

A bad statue is:

1. **A meeting point.** "Meet you at the gold hooves" needs no further directions.
2. **A shared joke.** Strangers who agree the statue is awful have already found something in common.
3. **A landmark for outsiders.** Visitors remember it precisely because it''s odd.
4. **A lesson in humility.** Somebody, once, thought this was a good idea. So will we, about something.

## What to do about it

Periodically, someone proposes replacing it. There''s a consultation. Then there''s a campaign, led by people who have spent decades mocking the statue, to keep it exactly as it is. The campaign always wins.

I don''t think that''s just nostalgia. The awful statue is a piece of the town''s *character*, in the literal sense -- a recognisable feature that makes it this place and not any other. Replace it with something tasteful and you get a square that looks like every other square.

So here''s to bad statues, odd buildings, and gold-hooved horses. A city needs a few things that nobody would design on purpose.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'translation-is-an-act-of-argument',
  'Translation Is an Act of Argument',
  '',
  '',
  'published', CAST(strftime('%s','2025-02-24 20:30:00') AS INTEGER), CAST(strftime('%s','2025-02-24 20:30:00') AS INTEGER), CAST(strftime('%s','2025-02-24 20:30:00') AS INTEGER),
'I''ve been reading two English translations of the same novel side by side, a chapter at a time. It''s a slow way to read a book, and I recommend it to anyone who thinks translation is a mechanical process of swapping one word for another.

## The same sentence, twice

The two translators disagree about almost everything. One keeps the long, looping sentences of the original; the other breaks them up for the English reader. One keeps the untranslatable words and lets you work them out; the other finds the nearest English equivalent. One makes the narrator sound old-fashioned; the other makes him sound like someone you might meet at a bus stop.

Neither is *wrong*. Each is an argument about what matters most in the original: its rhythm, its strangeness, or its ease.

## Some questions every translator answers

- Do you translate the **words**, or the **effect** the words had on their first readers?
- Do you keep the jokes that don''t work in the new language, or replace them with new jokes?
- Do you smooth out the author''s mistakes, or preserve them?

There''s no neutral answer to any of these. Every choice reveals a theory of what the book *is*.

## Why it matters

When we read in translation, we''re reading a collaboration between two writers, one of whom usually gets a much smaller name on the cover. The [translator](https://en.wikipedia.org/wiki/Translation) has made thousands of small decisions we''ll never see -- unless, like me, we''re stubborn enough to read two versions at once.

If you try it, pick a short book. And keep a pencil handy. You''ll find yourself taking sides.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'backups-are-a-promise',
  'Backups Are a Promise to Your Future Self',
  '',
  'A backup you have never restored from is a *hope*, not a backup.',
  'published', CAST(strftime('%s','2025-04-07 07:00:00') AS INTEGER), CAST(strftime('%s','2025-04-07 07:00:00') AS INTEGER), CAST(strftime('%s','2025-04-08 21:10:00') AS INTEGER),
'Nobody cares about backups until the day they care about nothing else. I''ve had that day twice, and I''d like to help you avoid it.

## The rule of three

The old advice still holds, and it''s easy to remember:

1. Keep **three** copies of anything important.
2. On at least **two** different kinds of storage.
3. With at least **one** copy somewhere else entirely.

A copy on the same disk isn''t a backup. A copy in the same building is a backup right up until the building has a bad day.

## Test your restores

A backup you''ve never restored from is a hope, not a backup. Once a month I pick a random file from last week''s backup and check that it opens:

```sh
# Restore one file from the latest archive into a scratch folder and compare.
mkdir -p /tmp/restore-test
tar -xzf "$(ls -t backups/*.tar.gz | head -n 1)" -C /tmp/restore-test notes/todo.md
cmp /tmp/restore-test/notes/todo.md ~/notes/todo.md && echo "restore OK"
```

For this site, the whole database is one file, so the test is even simpler -- open the copy and ask it a question:

    sqlite3 backups/site-latest.db "PRAGMA integrity_check;"

If it says `ok`, I sleep well.

## The human part

The hardest thing about backups isn''t technical. It''s remembering. So:

- automate it;
- make it *noisy* when it fails, and silent when it works;
- write down, somewhere you''ll find it in a panic, how to restore.

That last note is the real promise to your future self. Future you will be stressed, tired and possibly reading it on a borrowed laptop. Be kind to them.

---

*Update, 8 April:* a reader points out that `ls -t` is fragile if file names contain newlines. Correct -- mine don''t, but yours might.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'the-attention-economy-landlord-problem',
  'The Attention Economy Has a Landlord Problem',
  '',
  '',
  'published', CAST(strftime('%s','2025-05-19 18:45:00') AS INTEGER), CAST(strftime('%s','2025-05-19 18:45:00') AS INTEGER), CAST(strftime('%s','2025-05-19 18:45:00') AS INTEGER),
'People talk about the "attention economy" as if attention were a currency that we spend. I think a better metaphor is property, and the trouble with the current arrangement is that most of us are renting.

## The landlords

A handful of platforms own the spaces where most online attention happens. Writers, musicians, small businesses and ordinary people build audiences there, the way a shopkeeper builds a clientele in a rented unit. It works fine until the landlord changes the terms:

- the algorithm shifts, and your reach halves overnight;
- a feature you depended on is removed;
- the platform decides to charge for what used to be free.

The tenant has no say. They can leave, but their audience -- the thing they spent years building -- stays behind with the landlord.

## Owning your own place

The alternative is old and unfashionable: have a home of your own on the web. A website at your own address -- something like <https://example.org>, but yours. A mailing list you can export. A feed that anyone can subscribe to without an account.

> If you don''t own the address, you don''t own the audience.
>
> > Or, as a friend who runs a small shop put it: "never build your house on someone else''s land".

That''s more work than posting to a platform, and it will almost certainly reach fewer people at first. But it reaches them *reliably*, and nobody can evict you.

## A mixed economy

I''m not suggesting anyone abandon platforms entirely. They''re where people are, and reaching people matters. But it''s worth treating them like a market stall rather than a home: a place to meet people and point them somewhere more permanent.

This site is my small freehold. It''s not big, and the garden needs weeding... but it''s mine.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'night-trains-and-slow-travel',
  'Night Trains & the Romance of Slow Travel',
  '',
  'Falling asleep in one country and waking up in another is still one of travel''s great pleasures.',
  'published', CAST(strftime('%s','2025-06-23 22:00:00') AS INTEGER), CAST(strftime('%s','2025-06-23 22:00:00') AS INTEGER), CAST(strftime('%s','2025-06-23 22:00:00') AS INTEGER),
'I''m writing this in a couchette somewhere between two capitals, with a small bottle of water, a paper-wrapped sandwich and the gentle rocking that makes night trains the best sleeping pills ever invented.

![A sleeper train at a platform in the blue light of evening](https://picsum.photos/seed/night-train/800/400)

## Why night trains came back

For a couple of decades, night trains seemed doomed. Budget flights were cheaper and faster, and operators closed route after route. Lately, several have returned, helped by travellers who want to fly less and by the simple arithmetic that a night on a train is also a night''s accommodation.

## The case for slow

A flight gets you there. A night train gives you a *journey*:

- You leave from the city centre and arrive in another city centre.
- There''s no queue for security, no liquids in tiny bags.
- You see the landscape change -- or at least the station names, in the small hours.
- You arrive having slept, more or less.

It isn''t all romance. The bunks are narrow. Someone always snores. The air conditioning has two settings, arctic and tropical. And the schedules can be fragile: one delay on a busy line, and your morning connection is gone.

## Tips from the top bunk

1. Book early; the cheap berths go first.
2. Bring earplugs, an eye mask and a layer you can take off.
3. Pack breakfast. The trolley, if it exists, runs out of coffee.
4. Set an alarm *before* your stop, not at it.

The train has just stopped at a station whose name I can''t read in the dark.  
Somebody is unloading parcels.  
A dog barks.  
Then we move again, and I think I''ll try to sleep.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'how-to-read-a-scientific-paper',
  'How to Read a Scientific Paper Without Crying',
  '',
  '',
  'published', CAST(strftime('%s','2025-08-11 10:15:00') AS INTEGER), CAST(strftime('%s','2025-08-11 10:15:00') AS INTEGER), CAST(strftime('%s','2025-08-11 10:15:00') AS INTEGER),
'Scientific papers are written for other scientists, in a format that has barely changed in a century, and they are not designed to be read from beginning to end. Once you know that, they become much less intimidating.

## Don''t start at the start

Here is the order I read papers in, and it''s roughly the order most researchers I know use too:

1. **Title and abstract.** Is this even relevant?
2. **Figures and their captions.** Often the whole story is here.
3. **Conclusion or discussion.** What do the authors claim?
4. **Methods.** Only if you''re still interested, and especially if the claim is surprising. Look for:
   - how big the sample was;
   - whether there was a control group;
   - what was measured, and whether it was decided in advance.
5. **Introduction.** Last, if at all. It''s mostly context you may already know.

## Questions to keep asking

- Is this **one** study, or a summary of many? A single result is a hint, not a fact.
- Is the effect **large** enough to matter, or merely "statistically significant"?
- Who **funded** it? That doesn''t make it wrong, but it''s worth knowing.
- Has anyone **replicated** it? The [replication crisis][replication] taught us to ask.

## Useful vocabulary

A few terms come up constantly. A *p-value* is not the probability that the result is true. A *confidence interval* is a range of plausible values, and its width tells you how precise the estimate is. *Correlation* is not *causation* -- you knew that one already, but it bears repeating.

## Be kind to yourself

It''s normal to understand only part of a paper, even in your own field. Read the parts you can, note the parts you can''t, and remember that the authors found it hard to write. You''re allowed to find it hard to read.

If you want to practise, many journals publish open-access papers; a good place to start is the [example reading list][reading].

[replication]: https://en.wikipedia.org/wiki/Replication_crisis
[reading]: https://example.org/reading/open-access-starter-papers "A starter list of open-access papers"
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'small-tools-sharp-edges',
  'Small Tools, Sharp Edges',
  '',
  '',
  'published', CAST(strftime('%s','2025-09-29 09:20:00') AS INTEGER), CAST(strftime('%s','2025-09-29 09:20:00') AS INTEGER), CAST(strftime('%s','2025-09-29 09:20:00') AS INTEGER),
'I''ve spent years singing the praises of small, simple software on this site -- see [The Case for Smaller Software](/2023/01/the-case-for-smaller-software) for the long version. It''s only fair to spend a post on the other side of the ledger: the ways that small tools can cut you.

## Sharp edge one: they trust you

A small tool often does exactly what you told it to, with no safety net. The classic example is the shell:

```sh
# Meant to delete the build folder. A typo in the variable name means
# $BULID_DIR is empty, and the command becomes "rm -rf /*".
rm -rf "$BULID_DIR"/*
```

Big tools tend to have confirmations, undo, a trash folder. Small ones assume you''re an adult. The fix is to make your scripts fail loudly on mistakes -- `set -u` would have caught that typo -- and to read commands before pressing Enter.

## Sharp edge two: they leave things to you

Small libraries often leave error handling, memory management or input validation to the caller. In C, that can look like this:

```c
char buf[64];
/* snprintf never writes past the buffer, but it can silently truncate. */
int n = snprintf(buf, sizeof buf, "%s/%s", dir, name);
if (n < 0 || (size_t)n >= sizeof buf)
    return -1; /* too long: refuse rather than use a truncated path */
```

Nothing here is hard. All of it is easy to forget.

## Sharp edge three: they don''t explain themselves

Small tools often have terse documentation and tersely worded errors. That''s efficient for the expert and bewildering for everyone else. I''ve written before about [error messages](/2022/08/a-field-guide-to-error-messages); small tools are the worst offenders.

## Still worth it

None of this changes my mind. A sharp knife is more dangerous than a blunt one, and also far more useful; you just learn to keep your fingers out of the way. Small tools reward care. Big tools often just *require* it, in ways you can''t see.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'notes-toward-a-kinder-internet',
  'Notes Toward a Kinder Internet',
  '',
  '',
  'published', CAST(strftime('%s','2025-11-10 19:00:00') AS INTEGER), CAST(strftime('%s','2025-11-10 19:00:00') AS INTEGER), CAST(strftime('%s','2025-11-10 19:00:00') AS INTEGER),
'I''ve been online for most of my life, and I can''t remember a time when people didn''t complain that the internet was getting meaner. Maybe they were always right. But I''ve been trying to notice the places that *aren''t* mean, and to work out what they have in common.

## What the kind corners share

### They''re small

Forums for a single hobby, mailing lists for a single project, group chats for a single street. At small scale, people know each other, and reputation follows you from one conversation to the next.

### They have a purpose

People gather to fix bicycles, identify birds or translate old manuscripts. The shared task gives everyone something to talk about other than each other.

### They''re looked after

Every kind community I know has someone -- often unpaid -- who welcomes newcomers, settles arguments and occasionally asks someone to leave. Moderation is not censorship. It''s gardening.

## What I''m trying to do

A few personal rules, still very much in progress:

- Reply to the best version of someone''s argument, not the worst.
- Wait an hour before posting anything written in anger. (The hour usually wins.)
- Say thank you publicly and criticise privately, where possible.
- Link generously. Pointing someone towards a good thing is a small act of kindness.

## A last thought

A kinder internet won''t be built by a single company or a clever algorithm. It''ll be built the way kind towns are built: one well-kept corner at a time, by people who decide that *this* corner, at least, is going to be pleasant.

This is my corner. Thank you for keeping it that way.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'draft-unfinished-thoughts',
  'Unfinished Thoughts on Unfinished Things',
  '',
  '',
  'draft', NULL, CAST(strftime('%s','2022-06-02 21:40:00') AS INTEGER), CAST(strftime('%s','2025-12-01 22:05:00') AS INTEGER),
'*Draft -- not ready yet.*

Every writer has a drawer of things that didn''t make it. Mine is a folder called `drafts`, and this is the oldest file in it. I keep coming back to it and not finishing it, which is, I suppose, fitting.

## Things to say

- Unfinished work as a kind of conversation with a later self
- The difference between "abandoned" and "resting"
- Something about the half-built cathedral in that town we visited... look up the name

## Open questions

1. Is it better to publish a rough piece or none at all?
2. Does an essay about unfinished things need an ending? (Joke: no.)

## Notes to self

Maybe the point is that most work is never really finished, only stopped at a convenient moment. Books go to print with errors. Buildings open with scaffolding still up somewhere round the back. Software ships with a list of known issues.

TODO: find a better opening. And a middle. And an end.
');

INSERT INTO articles (slug, title, author, excerpt, status, published_at, created_at, updated_at, body) VALUES (
  'scheduled-for-the-future',
  'A Letter to Readers in 2031',
  '',
  'Written in 2025, scheduled to appear a decade after the first post.',
  'published', CAST(strftime('%s','2031-01-13 09:00:00') AS INTEGER), CAST(strftime('%s','2025-12-08 20:00:00') AS INTEGER), CAST(strftime('%s','2025-12-08 20:00:00') AS INTEGER),
'Hello from 2025. If you''re reading this, the site is ten years old and this article, which I wrote and then scheduled for publication five years into the future, has finally appeared.

I''ve no idea what the web looks like where you are. Perhaps everything is a chatbot. Perhaps everything is a newsletter. Perhaps -- my quiet hope -- small independent sites have had a renaissance, and this one is a modest, slightly old-fashioned example.

## Some predictions, for the record

1. This site will still be running from a single file.
2. At least one of my essays will have aged badly. I''ll have added a note.
3. Someone, somewhere, will still be getting leap years wrong.

## A request

If you''re a reader who has been here since the beginning, thank you. If you''ve just arrived, welcome. Either way, write and tell me what the future''s like. The address is on the [Contribute](/contribute) page, assuming I''ve kept it up to date.

See you in the next decade.
');

-- Tags: /tags and /tag/NAME. "Technology" has more than a page of articles;
-- "Café" and "日本語" are non-ASCII; "Futures" and "Unfinished" belong to
-- the scheduled and the draft article only, so readers do not see them yet.
INSERT INTO tags (name, slug) VALUES ('Technology', 'technology');
INSERT INTO tags (name, slug) VALUES ('Cities', 'cities');
INSERT INTO tags (name, slug) VALUES ('Books', 'books');
INSERT INTO tags (name, slug) VALUES ('Work', 'work');
INSERT INTO tags (name, slug) VALUES ('Writing', 'writing');
INSERT INTO tags (name, slug) VALUES ('Café', 'café');
INSERT INTO tags (name, slug) VALUES ('日本語', '日本語');
INSERT INTO tags (name, slug) VALUES ('Futures', 'futures');
INSERT INTO tags (name, slug) VALUES ('Unfinished', 'unfinished');
INSERT INTO article_tags (article_id, tag_id)
  SELECT a.id, t.id FROM articles a JOIN tags t JOIN (VALUES
    ('the-quiet-virtue-of-boring-technology', 'technology'),
    ('your-spreadsheet-is-a-database', 'technology'),
    ('the-weather-forecast-is-a-small-miracle', 'technology'),
    ('a-field-guide-to-error-messages', 'technology'),
    ('things-that-go-bump-in-the-server-room', 'technology'),
    ('the-case-for-smaller-software', 'technology'),
    ('the-chatbot-in-the-room', 'technology'),
    ('why-point-one-plus-point-two', 'technology'),
    ('leap-day-bugs-and-calendar-traps', 'technology'),
    ('half-a-year-without-push-notifications', 'technology'),
    ('the-plain-text-office', 'technology'),
    ('backups-are-a-promise', 'technology'),
    ('small-tools-sharp-edges', 'technology'),
    ('cities-and-the-cars-people-problem', 'cities'),
    ('trees-on-the-high-street', 'cities'),
    ('what-a-bus-map-teaches-about-design', 'cities'),
    ('bridges-budgets-and-bad-estimates', 'cities'),
    ('the-return-of-the-corner-shop', 'cities'),
    ('why-every-city-needs-a-bad-statue', 'cities'),
    ('scheduled-for-the-future', 'cities'),
    ('what-the-library-knew', 'books'),
    ('on-reading-slowly', 'books'),
    ('the-secondhand-bookshop-economy', 'books'),
    ('summer-reading-for-non-finishers', 'books'),
    ('libraries-are-the-last-free-room', 'books'),
    ('working-from-the-kitchen-table', 'work'),
    ('the-meeting-that-should-have-been-a-document', 'work'),
    ('the-four-day-week-one-year-later', 'work'),
    ('deadlines-versus-quality', 'work'),
    ('why-start-a-blog-now', 'writing'),
    ('a-short-defence-of-the-footnote', 'writing'),
    ('newsletters-ate-the-blog', 'writing'),
    ('five-years-of-writing-in-the-margin', 'writing'),
    ('the-return-of-the-corner-shop', 'café'),
    ('the-science-of-tea-sort-of', 'café'),
    ('translation-is-an-act-of-argument', '日本語'),
    ('translation-is-an-act-of-argument', 'writing'),
    ('scheduled-for-the-future', 'futures'),
    ('draft-unfinished-thoughts', 'unfinished')
  ) v ON a.slug = v.column1 AND t.slug = v.column2;
