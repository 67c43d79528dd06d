"""Reading what residents write (SMS, chat, terminal assistant).

People answer the way they text: « g 23 ans », « au chomdu depuis 8 mois », « jtouche le rsa »,
« nan », « ouais ». Every reader here is pure (no I/O, no global state that changes) so the
terminal assistant, the Rasa actions and the SMS channel can share them.

How it works: the text is normalised (:mod:`rules.normalize`) and cut into canonical tokens
(:mod:`.tokens`: SMS spellings expanded, « pôle emploi » → ``francetravail``); :mod:`.text`
adds the numbers among them (:mod:`.numbers`). Each module then reads one thing with small
named recognisers, tried from a table: :mod:`.dates`, :mod:`.durations`, :mod:`.money`,
:mod:`.age`, :mod:`.activity`, :mod:`.children`, :mod:`.flags` (RSA, couple, pregnancy, RQTH,
France Travail), :mod:`.yes_no`, :mod:`.dont_know`; :mod:`.clauses` holds the negation and
clause windows they share, :mod:`.units` the unit words after a number. :mod:`.sentences`
reads every fact of one free sentence (``extract_facts``), :mod:`.answers` the answer to one
question; :mod:`.communes` and :mod:`.scheme_names` find a commune or a scheme named in a
message.

Field names returned are the ones of the situation contract.
"""
