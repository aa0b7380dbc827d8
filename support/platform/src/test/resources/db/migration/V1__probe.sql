-- A table the platform tests change in the same transaction as an outbox event.
create table probe (id uuid primary key, name varchar(200) not null);
